"""MAMP in 2 gloo processes equals 1 process on the whole batch: DDP
averages the gradients of the ranks' mean losses, which is the gradient of
the global mean since every row masks as many tokens (the masking noise
fixed so both runs mask the same tokens)."""

import torch
import torch.multiprocessing as mp

from tests.utils import assert_close_to_scale, free_port, gloo_rank_steps
from umurl_mm.models import MAMPPretrainer

STEPS = 2
ROWS, TOKENS = 8 * 2, 4 * 25  # 8 clips x 2 persons; 16 frames / 4 x 25


class FixedNoiseMAMP(MAMPPretrainer):
    """The masking noise of this process's rows, fixed."""
    noise = None

    def forward_train(self, x, noise=None):
        return super().forward_train(x, self.noise)


def build_model(rows=slice(None)):
    import umurl_mm  # noqa: F401
    torch.manual_seed(0)
    model = FixedNoiseMAMP(
        backbone=dict(type='MAMPEncoder', num_frames=16, embed_dims=32,
                      depth=2, num_heads=2),
        decoder=dict(embed_dims=16, depth=1, num_heads=2))
    g = torch.Generator().manual_seed(2)
    model.noise = torch.rand(ROWS, TOKENS, generator=g)[rows]
    return model


def batch():
    g = torch.Generator().manual_seed(1)
    return torch.randn(8, 1, 2, 16, 25, 3, generator=g).cumsum(3)


def run_steps(model, train_step, inputs):
    from mmengine.optim import OptimWrapper
    wrapper = OptimWrapper(torch.optim.SGD(model.parameters(), lr=0.1))
    logs = [train_step(dict(inputs=list(inputs), data_samples=None),
                       wrapper)['loss'].item() for _ in range(STEPS)]
    return dict(logs=logs, params={
        n: p.detach().clone() for n, p in model.state_dict().items()})


def worker(rank, world_size, port, out):
    per_rank = 8 // world_size
    # persons are folded into the batch: clip n holds rows 2n and 2n + 1
    model = build_model(slice(2 * rank * per_rank,
                              2 * (rank + 1) * per_rank))
    gloo_rank_steps(rank, world_size, port, out, model, run_steps,
                    batch()[rank * per_rank:(rank + 1) * per_rank])


def test_two_gloo_processes_equal_one_process(tmp_path):
    mp.spawn(worker, args=(2, free_port(), str(tmp_path)), nprocs=2)
    model = build_model()
    single = run_steps(model, model.train_step, batch())
    ranks = [torch.load(tmp_path / f'rank{r}.pth', weights_only=False)
             for r in range(2)]
    for step in range(STEPS):
        mean = sum(r['logs'][step] for r in ranks) / 2
        assert abs(mean - single['logs'][step]) <= 1e-5 * single['logs'][
            step], step
    for multi in ranks:
        for n, ref in single['params'].items():
            assert_close_to_scale(multi['params'][n], ref, name=n)
