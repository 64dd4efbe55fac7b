"""Train a model from a config, as MMAction2's ``tools/train.py``."""
import argparse
import os

# mmengine checkpoints hold non-tensor meta; torch>=2.6 would refuse them
# when resuming or with ``load_from`` (trusted files only).
os.environ.setdefault('TORCH_FORCE_NO_WEIGHTS_ONLY_LOAD', '1')

from mmengine.config import Config  # noqa: E402
from mmengine.runner import Runner  # noqa: E402

from umurl_mm.cli import (add_runner_args, apply_runner_args,  # noqa: E402
                          parse_runner_args)


def parse_args():
    parser = argparse.ArgumentParser(description='Train a model')
    parser.add_argument('config', help='train config file path')
    parser.add_argument(
        '--resume',
        nargs='?',
        type=str,
        const='auto',
        help='resume from the given checkpoint, or the latest one in the '
        'work dir if no path is given')
    parser.add_argument(
        '--amp', action='store_true', help='enable mixed precision (GPU)')
    parser.add_argument(
        '--no-validate',
        action='store_true',
        help='skip validation during training')
    parser.add_argument(
        '--auto-scale-lr',
        action='store_true',
        help='scale the lr with the actual total batch size')
    parser.add_argument('--seed', type=int, default=None, help='random seed')
    add_runner_args(parser)
    return parse_runner_args(parser)


def merge_args(cfg, args):
    """Apply the command-line options to the config (``--cfg-options``
    last, so they win)."""
    if args.amp:
        cfg.optim_wrapper.type = 'AmpOptimWrapper'
        cfg.optim_wrapper.setdefault('loss_scale', 'dynamic')
    if args.resume == 'auto':
        cfg.resume, cfg.load_from = True, None
    elif args.resume is not None:
        cfg.resume, cfg.load_from = True, args.resume
    if args.no_validate:
        cfg.val_cfg = cfg.val_dataloader = cfg.val_evaluator = None
    if args.auto_scale_lr:
        cfg.auto_scale_lr.enable = True
    if args.seed is not None:
        cfg.randomness = dict(seed=args.seed)
    return apply_runner_args(cfg, args)


def main():
    args = parse_args()
    cfg = merge_args(Config.fromfile(args.config), args)
    runner = Runner.from_cfg(cfg)
    runner.train()


if __name__ == '__main__':
    main()
