"""USDRL pre-training in 2 gloo processes equals 1 process on the whole
batch (BatchNorm statistics and the loss over the global batch). DropPath
is off here: its per-sample masks are random draws, which differ between
any two runs."""

import torch
import torch.multiprocessing as mp

from tests.test_models.test_distributed_pretrain import (batch, exactly_zero,
                                                         run_steps)
from tests.utils import assert_close_to_scale, free_port, gloo_rank_steps


def build_model():
    import umurl_mm  # noqa: F401
    from mmaction.registry import MODELS
    torch.manual_seed(0)

    def proj(i, o):
        return dict(type='UmURLProjector', in_channels=i,
                    hidden_channels=32, out_channels=o)

    return MODELS.build(dict(
        type='USDRLPretrainer',
        backbone=dict(type='DSTE', hidden_dim=16, num_frames=16,
                      drop_path=0.0),
        projector=dict(temporal=proj(16, 24), spatial=proj(16, 24),
                       instance=proj(32, 40))))


def worker(rank, world_size, port, out):
    per_rank = 8 // world_size
    gloo_rank_steps(rank, world_size, port, out, build_model(), run_steps,
                    batch()[rank * per_rank:(rank + 1) * per_rank])


def test_two_gloo_processes_equal_one_process(tmp_path):
    mp.spawn(worker, args=(2, free_port(), str(tmp_path)), nprocs=2)
    model = build_model()
    single = run_steps(model, model.train_step, batch())
    assert set(single['logs'][0]) == {'loss', 'loss_sim', 'loss_vc',
                                      'loss_bt'}
    zero = exactly_zero(single['grads'])
    assert len(zero) == 6  # Linear -> BN biases of the three projectors
    scale = max(g.abs().max().item() for g in single['grads'].values())
    for rank in range(2):
        multi = torch.load(tmp_path / f'rank{rank}.pth', weights_only=False)
        for a, b in zip(multi['logs'], single['logs']):
            for k in a:
                assert abs(a[k] - b[k]) <= 1e-5 * max(1, abs(b[k])), k
        assert multi['grads'].keys() == single['grads'].keys()
        for n, ref in single['grads'].items():
            if n in zero:  # rounding noise around 0 in both runs
                assert multi['grads'][n].abs().max() <= 1e-5 * scale, n
            else:
                assert_close_to_scale(multi['grads'][n], ref, name=n)
        for n, ref in single['params'].items():
            if n in zero:  # started at 0 (USDRL's init), moved by noise
                diff = (multi['params'][n] - ref).abs().max()
                assert diff <= 1e-5 * scale, n
            else:
                assert_close_to_scale(multi['params'][n], ref, name=n)
