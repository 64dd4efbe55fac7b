import os
import signal
import socket
import subprocess
import sys

from mmaction.registry import HOOKS, MODELS
from mmengine.hooks import Hook

from umurl_mm.models.algorithms import UmURLPretrainer

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

#: A tiny UmURL pre-training model (H=16, 2H=32 features).
TINY_PRETRAIN = [
    'model.backbone.hidden_dim=16', 'model.projector.in_channels=32',
    'model.projector.hidden_channels=32', 'model.projector.out_channels=24'
]


def tiny_options(ann_file, epochs, workers=0, batch=8):
    """``--cfg-options`` of a tiny pre-training run on ``ann_file``."""
    loader = ['train_dataloader.num_workers=0',
              'train_dataloader.persistent_workers=False'] if not workers \
        else [f'train_dataloader.num_workers={workers}']
    return [
        '--cfg-options', f'train_dataloader.dataset.ann_file={ann_file}',
        f'train_dataloader.batch_size={batch}', *loader, *TINY_PRETRAIN,
        f'train_cfg.max_epochs={epochs}',
        'default_hooks.checkpoint.interval=1',
        'default_hooks.checkpoint.max_keep_ckpts=10'
    ]


def config_datasets(cfg) -> list:
    """The dataset configs of a config's training and test loaders (the
    members of a ``ConcatDataset``)."""
    datasets = []
    for key in ('train_dataloader', 'test_dataloader'):
        loader = cfg.get(key)
        if loader:
            ds = loader.dataset
            datasets += ds.datasets if ds.type == 'ConcatDataset' else [ds]
    return datasets


def free_port() -> int:
    """A free TCP port on the loopback interface."""
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def gloo_rank_steps(rank, world_size, port, out, model, run_steps, inputs):
    """One rank spawned by ``torch.multiprocessing``: ``run_steps(ddp,
    ddp.train_step, inputs)`` on ``model`` in mmengine's DDP over gloo, and
    its result (``grads`` and ``params`` named as the bare model's) saved
    to ``out/rank{rank}.pth``."""
    import torch
    import torch.distributed as dist
    from mmengine.model import MMDistributedDataParallel
    os.environ.update(MASTER_ADDR='127.0.0.1', MASTER_PORT=str(port))
    dist.init_process_group('gloo', rank=rank, world_size=world_size)
    ddp = MMDistributedDataParallel(module=model)
    result = run_steps(ddp, ddp.train_step, inputs)
    for key in ('grads', 'params'):
        if key in result:
            result[key] = {n[len('module.'):]: v
                           for n, v in result[key].items()}
    torch.save(result, f'{out}/rank{rank}.pth')
    del ddp  # free the DDP reducer while its process group is alive
    dist.barrier()
    dist.destroy_process_group()


_SERVER = None


def run_tool(*args: str, pythonpath: bool = False,
             fresh: bool = False) -> subprocess.CompletedProcess:
    """Run a repository script as a user would: ``python SCRIPT ARGS...``
    in the repository root, a process of its own. It is forked from a warm
    interpreter (:class:`tests.tool_server.ToolServer`: the same process
    boundary, exit code and output, without ~5 s of imports); ``fresh=True``
    starts a new interpreter instead (for what happens at import).
    ``pythonpath=True`` makes ``tests`` importable (for test-only hooks)."""
    global _SERVER
    env = dict(os.environ)
    if pythonpath:
        env['PYTHONPATH'] = os.pathsep.join(
            [REPO] + [p for p in [env.get('PYTHONPATH')] if p])
    if fresh or not args[0].endswith('.py'):
        return subprocess.run([sys.executable, *args], cwd=REPO, env=env,
                              capture_output=True, text=True)
    from tests.tool_server import ToolServer
    if _SERVER is None:
        _SERVER = ToolServer()
    code, out, err = _SERVER.run(args, REPO, env,
                                 [REPO] if pythonpath else [])
    return subprocess.CompletedProcess([sys.executable, *args], code, out,
                                       err)


@HOOKS.register_module()
class SigkillHook(Hook):
    """Kill the training process with SIGKILL (no clean-up, like a lost
    node) after iteration ``iteration`` of epoch ``epoch`` (1-based)."""

    def __init__(self, epoch: int, iteration: int) -> None:
        self.epoch, self.iteration = epoch, iteration

    def after_train_iter(self, runner, batch_idx, data_batch=None,
                         outputs=None):
        if (runner.epoch + 1, batch_idx + 1) == (self.epoch, self.iteration):
            os.kill(os.getpid(), signal.SIGKILL)


def assert_close_to_scale(actual, expected, rtol: float = 1e-4,
                          atol: float = 1e-6, name: str = '') -> None:
    """Equal to float rounding relative to the tensor's scale: the largest
    difference at most ``rtol`` times the largest magnitude (plus
    ``atol``). For results summed in another order (e.g. BatchNorm
    statistics all-reduced over ranks), where element-wise tolerances trip
    on entries near zero."""
    diff = (actual - expected).abs().max().item()
    scale = expected.abs().max().item()
    assert diff <= rtol * scale + atol, (name, diff, scale)


@HOOKS.register_module()
class SigkillRankHook(Hook):
    """SIGKILL rank ``rank`` after iteration ``iteration`` of epoch
    ``epoch`` (1-based), in the first attempt of a torchrun job only
    (``TORCHELASTIC_RESTART_COUNT`` 0): a lost worker that torchrun's
    ``--max-restarts`` then replaces."""

    def __init__(self, rank: int, epoch: int, iteration: int) -> None:
        self.rank, self.epoch, self.iteration = rank, epoch, iteration

    def after_train_iter(self, runner, batch_idx, data_batch=None,
                         outputs=None):
        if os.environ.get('TORCHELASTIC_RESTART_COUNT', '0') == '0' and \
                runner.rank == self.rank and \
                (runner.epoch + 1, batch_idx + 1) == (self.epoch,
                                                      self.iteration):
            os.kill(os.getpid(), signal.SIGKILL)


@MODELS.register_module()
class Float64UmURLPretrainer(UmURLPretrainer):
    """``UmURLPretrainer`` in float64: parameters, views (made in float32,
    then cast) and loss. Two float64 runs that compute the same function
    in another order agree to ~1e-15 relative, whatever the CPU's kernels,
    so a comparison of them tests the computation, not the rounding."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.double()

    def loss(self, inputs, data_samples):
        return super().loss(inputs.double(), data_samples)
