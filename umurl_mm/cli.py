"""Command-line options shared by ``tools/train.py`` and ``tools/test.py``
(the options of MMAction2's tools)."""
import argparse
import difflib
import functools
import json
import os
import os.path as osp
import re

from mmengine.config import Config, DictAction
from mmengine.logging import print_log

from .skeleton_settings import apply_skeleton


@functools.lru_cache()
def runner_keys() -> frozenset:
    """Top-level config keys that mmengine's Runner reads even when a config
    does not set them: its constructor's arguments and the keys its code
    looks up with ``cfg.get`` (read from the installed mmengine, so the set
    follows its version), plus ``custom_imports`` (read by ``Config``)."""
    import inspect

    from mmengine.runner import Runner
    keys = set(inspect.signature(Runner.__init__).parameters) - {'self'}
    keys |= set(re.findall(r"cfg\.get\(\s*'(\w+)'", inspect.getsource(Runner)))
    return frozenset(keys | {'custom_imports'})


def check_option_keys(cfg: Config, options: dict) -> None:
    """Reject ``--cfg-options`` whose top-level key neither the config nor
    the Runner knows (a typo would otherwise be ignored silently).

    Args:
        cfg (Config): The loaded config.
        options (dict): The parsed ``--cfg-options``.
    """
    known = set(cfg.keys()) | runner_keys()
    for key in options:
        top = key.split('.')[0]
        if top not in known:
            close = difflib.get_close_matches(top, sorted(known), n=3)
            hint = f'; did you mean {close}?' if close else ''
            raise SystemExit(
                f'error: --cfg-options {key}: the config has no top-level '
                f'key {top!r} and the Runner does not read one{hint}')


def add_runner_args(parser: argparse.ArgumentParser) -> None:
    """Add ``--work-dir``, ``--cfg-options``, ``--launcher`` and
    ``--local-rank`` to a tool's parser.

    Args:
        parser (argparse.ArgumentParser): The tool's parser.
    """
    parser.add_argument('--work-dir', help='the dir to save logs and models')
    parser.add_argument(
        '--cfg-options',
        nargs='+',
        action=DictAction,
        help='override config settings, e.g. model.backbone.hidden_dim=256')
    parser.add_argument(
        '--launcher',
        choices=['none', 'pytorch', 'slurm', 'mpi'],
        default='none',
        help='job launcher')
    parser.add_argument('--local_rank', '--local-rank', type=int, default=0)
    parser.add_argument(
        '--no-tf32',
        action='store_true',
        help='keep float32 matmuls in full float32 on GPUs (by default '
        'they run in TF32: torch.set_float32_matmul_precision("high"))')


def parse_runner_args(parser: argparse.ArgumentParser) -> argparse.Namespace:
    """Parse the arguments; export ``LOCAL_RANK`` for old-style launchers.

    Args:
        parser (argparse.ArgumentParser): The tool's parser.

    Returns:
        argparse.Namespace: The parsed arguments.
    """
    args = parser.parse_args()
    if 'LOCAL_RANK' not in os.environ:
        os.environ['LOCAL_RANK'] = str(args.local_rank)
    return args


def apply_runner_args(cfg: Config, args: argparse.Namespace) -> Config:
    """Apply ``--cfg-options``, then the config's ``skeleton`` settings
    (:func:`apply_skeleton`), ``--launcher`` and ``--work-dir`` (default
    ``./work_dirs/<config name>``) to a config; set the float32 matmul
    precision (TF32 unless ``--no-tf32``: on GPUs with tensor cores float32
    matmuls run several times faster, with a 10-bit mantissa for the
    products and float32 accumulation; no effect on the CPU); log the
    torch threads of this process (torch's default, one per available
    core, unless ``OMP_NUM_THREADS`` sets them; mmengine gives data
    workers and DDP ranks one each, docs/faq.md).

    Args:
        cfg (Config): The loaded config.
        args (argparse.Namespace): Arguments of :func:`add_runner_args`.

    Returns:
        Config: The same config, updated.
    """
    if args.cfg_options is not None:
        check_option_keys(cfg, args.cfg_options)
        cfg.merge_from_dict(args.cfg_options)
    apply_skeleton(cfg)
    import torch
    torch.set_float32_matmul_precision(
        'highest' if getattr(args, 'no_tf32', False) else 'high')
    cfg.launcher = args.launcher
    cores = len(os.sched_getaffinity(0)) if hasattr(
        os, 'sched_getaffinity') else os.cpu_count()
    print_log(f'torch threads: {torch.get_num_threads()} of {cores} '
              'available cores '
              f"(OMP_NUM_THREADS={os.environ.get('OMP_NUM_THREADS', 'unset')})"
              ', data workers: one thread each', logger='current')
    if args.work_dir is not None:
        cfg.work_dir = args.work_dir
    elif cfg.get('work_dir') is None:
        cfg.work_dir = osp.join('./work_dirs',
                                osp.splitext(osp.basename(args.config))[0])
    return cfg


def add_encoder_args(parser: argparse.ArgumentParser,
                     device: bool = True) -> None:
    """What ``umurl_mm.apis.init_encoder`` takes: config, optional
    checkpoint, config overrides and (``device``) the device.

    Args:
        parser (argparse.ArgumentParser): The tool's parser.
        device (bool): Offer ``--device``. Defaults to True.
    """
    parser.add_argument('config', help='any umurl config (model.backbone)')
    parser.add_argument('checkpoint', nargs='?', help='plugin or official')
    parser.add_argument(
        '--cfg-options', nargs='+', action=DictAction, default={},
        help='override config settings, e.g. model.backbone.hidden_dim=256')
    if device:
        parser.add_argument('--device', default='cpu', help='e.g. cuda')


def add_feature_args(parser: argparse.ArgumentParser,
                     pose_file: bool = False) -> None:
    """Options of the feature tools (``tools/extract_features.py``,
    ``tools/analysis/tsne.py``): the encoder's (:func:`add_encoder_args`),
    data and modalities.

    Args:
        parser (argparse.ArgumentParser): The tool's parser.
        pose_file (bool): Offer ``--pose-file`` (one video) as an
            alternative to ``--ann-file``, with ``--img-shape``.
    """
    add_encoder_args(parser)
    if pose_file:
        data = parser.add_mutually_exclusive_group(required=True)
        data.add_argument('--ann-file', help='PoseDataset .pkl')
        data.add_argument(
            '--pose-file',
            help='one video: .pkl (MMAction2 pose extraction), MMPose '
            '.json or .npy')
        add_img_shape_arg(parser)
    else:
        parser.add_argument('--ann-file', required=True,
                            help='PoseDataset .pkl')
    parser.add_argument('--split', default=None, help='e.g. xsub_val')
    parser.add_argument('--modalities', nargs='+', default=None)


def add_img_shape_arg(parser: argparse.ArgumentParser,
                      required: bool = False) -> None:
    """``--img-shape H W``: frame size of 2D pose files without one."""
    parser.add_argument(
        '--img-shape', type=int, nargs=2, metavar=('H', 'W'), default=None,
        required=required,
        help='frame size in pixels of 2D .json / .npy pose files')


def add_layout_arg(parser: argparse.ArgumentParser,
                   default: str = 'nturgb+d') -> None:
    """``--layout``: a built-in skeleton layout name, a layout ``.json``
    file or an inline JSON dict of
    :class:`SkeletonLayout` fields (read by :func:`get_layout`)."""
    def layout(text):
        from .datasets.layout import get_layout
        try:
            value = json.loads(text) if text.lstrip().startswith('{') \
                else text
            return get_layout(value)
        except ValueError as e:
            raise argparse.ArgumentTypeError(str(e)) from None

    parser.add_argument(
        '--layout', type=layout, default=default,
        help="a built-in layout ('nturgb+d', 'kinect_v1', 'h36m', 'coco', "
        "'openpose'), a layout .json file or an inline JSON layout dict "
        '(see umurl_mm/datasets/layout.py)')


def close_distributed() -> None:
    """Tear down the process group of a distributed run once every rank is
    done. Left to the interpreter's exit, gloo's worker threads can abort a
    rank after the run has finished ("terminate called without an active
    exception"); the model's DDP reducer is released first."""
    import gc

    import torch.distributed as dist
    if dist.is_available() and dist.is_initialized():
        gc.collect()
        dist.barrier()
        dist.destroy_process_group()


def restart_store() -> dict:
    """``init_process_group`` arguments for a worker group that torchrun
    restarted (``TORCHELASTIC_RESTART_COUNT`` > 0): its agent's store,
    under a prefix of its own. With a static rendezvous torchrun hands
    every attempt the same store, and a restarted group would read the
    addresses its dead predecessors published there. Empty otherwise
    (torchrun's environment as it is).
    """
    from datetime import timedelta

    import torch.distributed as dist
    attempt = int(os.environ.get('TORCHELASTIC_RESTART_COUNT', '0'))
    if not attempt:
        return {}
    rank, world = int(os.environ['RANK']), int(os.environ['WORLD_SIZE'])
    agent = os.environ.get('TORCHELASTIC_USE_AGENT_STORE') == 'True'
    store = dist.TCPStore(
        os.environ['MASTER_ADDR'], int(os.environ['MASTER_PORT']), world,
        is_master=not agent and rank == 0, timeout=timedelta(minutes=30),
        multi_tenant=not agent)
    return dict(store=dist.PrefixStore(f'umurl_mm/attempt_{attempt}', store),
                rank=rank, world_size=world)


def init_distributed(cfg: Config) -> None:
    """Start the process group of a distributed run now, before the tool's
    own decisions that all ranks must share (what to resume from); the
    Runner then keeps it.

    With CUDA this is mmengine's ``init_dist`` with the config's
    ``env_cfg.dist_cfg``, as the Runner would call it (after a torchrun
    restart, with :func:`restart_store`). Without CUDA,
    ``--launcher pytorch`` (``tools/dist_train.sh``, ``tools/dist_test.sh``)
    starts gloo from torchrun's environment and DDP is wrapped without
    ``device_ids`` (mmengine's launcher would call ``torch.cuda.set_device``
    and wrap with ``device_ids=[LOCAL_RANK]``).

    Args:
        cfg (Config): The config, with ``launcher`` set.
    """
    import torch
    import torch.distributed as dist
    from mmengine.dist import init_dist
    if cfg.launcher == 'none' or dist.is_initialized():
        return
    restart = restart_store() if cfg.launcher == 'pytorch' else {}
    if torch.cuda.is_available():
        init_dist(cfg.launcher,
                  **(cfg.get('env_cfg') or {}).get('dist_cfg', {}),
                  **restart)
        return
    if cfg.launcher != 'pytorch':
        return  # the Runner starts it, or says why it cannot
    dist.init_process_group('gloo', **restart)
    wrapper = cfg.get('model_wrapper_cfg') or dict(
        type='MMDistributedDataParallel')
    wrapper.setdefault('device_ids', None)
    cfg.model_wrapper_cfg = wrapper
