"""Time linear evaluation with the frozen encoder's features cached
(``FrozenFeatureCacheHook``, the configs' default) and recomputed every
epoch, side by side: ``tools/train.py`` run twice in fresh processes on the
same config, checkpoint and data; wall time and final top-1 of each.

Usage:
    python tools/benchmark_linear.py CONFIG [--cfg-options ...]
"""
import argparse
import os
import os.path as osp
import re
import subprocess
import sys
import tempfile
import time

from mmengine.config import Config, DictAction

from umurl_mm.skeleton_settings import apply_skeleton

REPO = osp.dirname(osp.dirname(osp.abspath(__file__)))


def run(config, work_dir, options):
    """Wall seconds and the last logged top-1 of one tools/train.py run."""
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, osp.join(REPO, 'tools/train.py'), config,
         '--work-dir', work_dir, '--cfg-options', *options],
        capture_output=True, text=True, cwd=os.getcwd())
    seconds = time.perf_counter() - start
    if proc.returncode:
        raise SystemExit(proc.stderr[-3000:])
    top1 = re.findall(r'acc/top1: ([\d.]+)', proc.stdout + proc.stderr)
    return seconds, float(top1[-1]) if top1 else float('nan')


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('config', help='a linear-evaluation config')
    parser.add_argument('--cfg-options', nargs='+', action=DictAction,
                        default={})
    args = parser.parse_args()
    cfg = Config.fromfile(args.config)
    cfg.merge_from_dict(args.cfg_options)
    apply_skeleton(cfg)  # after the options, as tools/train.py does
    hooks = [h for h in cfg.custom_hooks
             if h.get('type') != 'FrozenFeatureCacheHook']
    if len(hooks) == len(cfg.custom_hooks):
        raise SystemExit(f'{args.config} has no FrozenFeatureCacheHook')
    options = [f'{k}={v!r}' if isinstance(v, str) else f'{k}={v}'
               for k, v in args.cfg_options.items()]
    with tempfile.TemporaryDirectory() as folder:
        # the same config, without the cache hook
        plain = osp.join(folder, osp.basename(args.config))
        with open(plain, 'w') as f:
            f.write(f'_base_ = {osp.abspath(args.config)!r}\n'
                    f'custom_hooks = {[dict(h) for h in hooks]!r}\n')
        cached = run(args.config, osp.join(folder, 'cached'), options)
        recomputed = run(plain, osp.join(folder, 'recomputed'), options)
    epochs = cfg.train_cfg.max_epochs
    print(f'linear evaluation, {epochs} epochs, {args.config}:')
    for name, (seconds, top1) in (('features cached', cached),
                                  ('features recomputed', recomputed)):
        print(f'  {name:20s} {seconds:7.1f} s  top-1 {top1:.4f}')
    print(f'  -> cached {recomputed[0] / cached[0]:.2f}x faster')


if __name__ == '__main__':
    main()
