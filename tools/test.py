"""Test a checkpoint with a config, as MMAction2's ``tools/test.py``."""
import argparse
import os.path as osp

import mmengine
from mmengine.config import Config
from mmengine.dist import is_main_process
from mmengine.runner import Runner

from umurl_mm.checkpoint import load_model_checkpoint
from umurl_mm.cli import (add_runner_args, apply_runner_args,
                          close_distributed, init_distributed,
                          parse_runner_args)


def parse_args():
    parser = argparse.ArgumentParser(description='Test a model')
    parser.add_argument('config', help='test config file path')
    parser.add_argument(
        'checkpoint',
        nargs='?',
        default=None,
        help='checkpoint file (omit to test the weights the config '
        'initialises, e.g. a random encoder)')
    parser.add_argument('--dump', help='dump predictions to a pickle file')
    add_runner_args(parser)
    return parse_runner_args(parser)


def main():
    args = parse_args()
    cfg = apply_runner_args(Config.fromfile(args.config), args)
    # loaded strictly below (official checkpoints are converted on the fly)
    cfg.load_from = None
    if args.dump is not None:
        cfg.test_evaluator = list(cfg.test_evaluator) if isinstance(
            cfg.test_evaluator, (list, tuple)) else [cfg.test_evaluator]
        cfg.test_evaluator.append(
            dict(type='DumpResults', out_file_path=args.dump))
    init_distributed(cfg)
    runner = Runner.from_cfg(cfg)
    if args.checkpoint is not None:
        model = runner.model
        load_model_checkpoint(getattr(model, 'module', model), args.checkpoint)
        runner.logger.info(f'loaded {args.checkpoint}')
    metrics = runner.test()
    path = osp.join(cfg.work_dir, 'test_metrics.json')
    if is_main_process():
        mmengine.dump(metrics, path, indent=2)
        print(f'metrics written to {path}')
    runner = model = None  # DDP before its process group
    close_distributed()


if __name__ == '__main__':
    main()
