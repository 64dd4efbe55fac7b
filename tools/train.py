"""Train a model from a config, as MMAction2's ``tools/train.py``."""
import argparse
import os

from mmengine.config import Config
from mmengine.dist import broadcast_object_list, is_main_process
from mmengine.runner import Runner

from umurl_mm.cli import (add_runner_args, apply_runner_args,
                          close_distributed, init_distributed,
                          parse_runner_args)
from umurl_mm.engine import (ResumeError, find_resume_checkpoint,
                             numbered_checkpoints, read_checkpoint)


def parse_args():
    parser = argparse.ArgumentParser(description='Train a model')
    parser.add_argument('config', help='train config file path')
    parser.add_argument(
        '--resume',
        nargs='?',
        type=str,
        const='auto',
        help='resume from the given checkpoint, or from the newest readable '
        'one in the work dir if no path is given (an error if there is '
        'none)')
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
    if args.no_validate:
        cfg.val_cfg = cfg.val_dataloader = cfg.val_evaluator = None
    if args.auto_scale_lr:
        cfg.auto_scale_lr.enable = True
    if args.seed is not None:
        cfg.randomness = dict(seed=args.seed)
    return apply_runner_args(cfg, args)


def restarted():
    """Whether torchrun restarted this worker group (``--max-restarts``,
    ``MAX_RESTARTS`` of ``tools/dist_train.sh``) or Slurm requeued this
    job (``sbatch --requeue``)."""
    return any(int(os.environ.get(key) or 0) > 0 for key in (
        'TORCHELASTIC_RESTART_COUNT', 'SLURM_RESTART_COUNT'))


def find_resume(cfg, resume):
    """The checkpoint to resume from and its run's seed; an error message
    instead if there is none (see :func:`find_resume_checkpoint`).
    ``restart`` (a torchrun restart, a requeued Slurm job): as ``auto``,
    but ``None`` (start afresh: nothing to lose) if the run had written no
    checkpoint yet."""
    if resume == 'restart' and not numbered_checkpoints(cfg.work_dir):
        return None
    try:
        if resume in ('auto', 'restart'):
            path, meta = find_resume_checkpoint(cfg.work_dir)
        else:
            path, meta = resume, read_checkpoint(resume).get('meta', {})
    except (ResumeError, ValueError) as e:
        return f'error: {e}'
    return path, meta.get('seed')


def resolve_resume(cfg, resume):
    """Point the config at the checkpoint to resume from, before any work.

    ``auto``: the newest readable checkpoint of the work dir (see
    :func:`find_resume_checkpoint`); a path: that file, which must be
    readable; ``restart``: see :func:`find_resume`. The main process
    decides (and alone moves unreadable files aside), once the process
    group exists, and every rank takes its answer. A config without a
    fixed seed takes the resumed run's, so the shuffle and the
    augmentation continue as they would have.
    """
    found = [find_resume(cfg, resume) if is_main_process() else None]
    broadcast_object_list(found)
    if found[0] is None:
        return
    if isinstance(found[0], str):
        raise SystemExit(found[0])
    path, seed = found[0]
    print(f'resuming from {path}', flush=True)
    cfg.resume, cfg.load_from = True, path
    randomness = cfg.get('randomness') or {}
    if randomness.get('seed') is None and seed is not None:
        cfg.randomness = dict(randomness, seed=seed)


def main():
    args = parse_args()
    cfg = merge_args(Config.fromfile(args.config), args)
    init_distributed(cfg)
    if args.resume is None and restarted():
        args.resume = 'restart'  # a lost worker replaced, a job requeued
    if args.resume is not None:
        resolve_resume(cfg, args.resume)
    runner = Runner.from_cfg(cfg)
    runner.train()
    del runner  # DDP before its process group
    close_distributed()


if __name__ == '__main__':
    main()
