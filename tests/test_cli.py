import argparse

from mmengine.config import Config

from umurl_mm.cli import add_runner_args, apply_runner_args


def parse(*argv):
    parser = argparse.ArgumentParser()
    parser.add_argument('config')
    add_runner_args(parser)
    return parser.parse_args(argv)


def test_defaults_and_overrides():
    cfg = apply_runner_args(Config(dict(model=dict(hidden_dim=8))),
                            parse('configs/x/my_cfg.py'))
    assert cfg.work_dir == './work_dirs/my_cfg' and cfg.launcher == 'none'
    args = parse('my_cfg.py', '--work-dir', 'w', '--launcher', 'pytorch',
                 '--cfg-options', 'model.hidden_dim=16', 'work_dir=z')
    cfg = apply_runner_args(Config(dict(model=dict(hidden_dim=8))), args)
    assert cfg.model.hidden_dim == 16 and cfg.launcher == 'pytorch'
    assert cfg.work_dir == 'w'  # --work-dir wins over --cfg-options


def test_float32_matmuls_in_tf32_unless_asked_not_to():
    import torch
    before = torch.get_float32_matmul_precision()
    try:
        apply_runner_args(Config(), parse('my_cfg.py'))
        assert torch.get_float32_matmul_precision() == 'high'
        apply_runner_args(Config(), parse('my_cfg.py', '--no-tf32'))
        assert torch.get_float32_matmul_precision() == 'highest'
    finally:
        torch.set_float32_matmul_precision(before)
