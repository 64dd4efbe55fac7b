"""Pre-training in 2 gloo processes equals 1 process on the whole batch."""
import os
import re

import torch
import torch.distributed as dist
import torch.multiprocessing as mp

from tests.utils import assert_close_to_scale, free_port, gloo_rank_steps

STEPS = 2


def build_model():
    import umurl_mm  # noqa: F401
    from mmaction.registry import MODELS
    torch.manual_seed(0)
    return MODELS.build(
        dict(
            type='UmURLPretrainer',
            backbone=dict(type='UmURL', hidden_dim=16, num_frames=16),
            projector=dict(
                type='UmURLProjector',
                in_channels=32,
                hidden_channels=32,
                out_channels=24)))


def batch():
    g = torch.Generator().manual_seed(1)
    return torch.randn(8, 4, 2, 16, 25, 3, generator=g)


def run_steps(model, train_step, inputs):
    """One plain backward (grads), then STEPS optimiser steps."""
    from mmengine.optim import OptimWrapper
    losses = model(inputs, mode='loss')
    sum(losses.values()).backward()
    grads = {
        n: p.grad.clone()
        for n, p in model.named_parameters() if p.grad is not None
    }
    model.zero_grad()
    # SGD: Adam would amplify float noise on zero-gradient parameters (the
    # attention key bias) into lr-sized steps
    wrapper = OptimWrapper(torch.optim.SGD(model.parameters(), lr=0.1))
    logs = [
        train_step(dict(inputs=list(inputs), data_samples=None), wrapper)
        for _ in range(STEPS)
    ]
    return dict(
        grads=grads,
        logs=[{k: v.item() for k, v in log.items()} for log in logs],
        params={n: p.detach().clone()
                for n, p in model.state_dict().items()})


def worker(rank, world_size, port, out):
    per_rank = 8 // world_size
    gloo_rank_steps(rank, world_size, port, out, build_model(), run_steps,
                    batch()[rank * per_rank:(rank + 1) * per_rank])


def exactly_zero(grads):
    """Parameters whose gradient is zero in exact arithmetic: the biases of
    the projectors' Linear layers that feed a BatchNorm, which removes any
    constant shift."""
    return [n for n in grads
            if re.fullmatch(r'projectors\.\w+\.[03]\.bias', n)]


def test_exactly_zero_gradients_are_the_biases_before_batch_norm():
    model = build_model()
    names = exactly_zero(dict(model.named_parameters()))
    assert len(names) == 2 * len(model.modalities)
    for n in names:  # 0 -> 1 and 3 -> 4 are Linear -> BatchNorm
        index = int(n.split('.')[2])
        projector = model.projectors[n.split('.')[1]]
        assert isinstance(projector[index], torch.nn.Linear)
        assert isinstance(projector[index + 1], torch.nn.BatchNorm1d)


def test_two_gloo_processes_equal_one_process(tmp_path):
    mp.spawn(worker, args=(2, free_port(), str(tmp_path)), nprocs=2)
    model = build_model()
    single = run_steps(model, model.train_step, batch())
    for rank in range(2):
        multi = torch.load(tmp_path / f'rank{rank}.pth', weights_only=False)
        for a, b in zip(multi['logs'], single['logs']):
            assert a.keys() == b.keys()
            for k in a:
                assert abs(a[k] - b[k]) <= 1e-5 * max(1, abs(b[k])), k
        assert multi['grads'].keys() == single['grads'].keys()
        # gradients that are zero in exact arithmetic hold rounding noise
        # in both runs, whose size depends on the CPU's kernels: they must
        # be ~0 relative to the model's gradients, not equal to each other
        scale = max(g.abs().max().item() for g in single['grads'].values())
        for n in exactly_zero(single['grads']):
            for grads in (single['grads'], multi['grads']):
                assert grads[n].abs().max().item() <= 1e-5 * scale, n
        # the others equal to float rounding, relative to each tensor's
        # scale (the projectors' global BN statistics are summed in another
        # order than the BN kernel's)
        for n, ref in single['grads'].items():
            if n not in exactly_zero(single['grads']):
                assert_close_to_scale(multi['grads'][n], ref, name=n)
        for n, ref in single['params'].items():
            assert_close_to_scale(multi['params'][n], ref, name=n)


def shape_worker(rank, world_size, port, out):
    os.environ.update(MASTER_ADDR='127.0.0.1', MASTER_PORT=str(port))
    dist.init_process_group('gloo', rank=rank, world_size=world_size)
    from umurl_mm.models.utils import gather_with_grad
    try:
        gather_with_grad(torch.zeros(3 + rank, 4))
    except ValueError as e:
        open(f'{out}/rank{rank}.txt', 'w').write(str(e))
    dist.destroy_process_group()


def test_gather_of_unequal_shapes_is_an_error_on_every_rank(tmp_path):
    mp.spawn(shape_worker, args=(2, free_port(), str(tmp_path)), nprocs=2)
    for rank in range(2):
        msg = (tmp_path / f'rank{rank}.txt').read_text()
        assert '{0: (3, 4), 1: (4, 4)} (rank: shape)' in msg
        assert 'drop_last=True' in msg
