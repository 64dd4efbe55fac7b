"""tools/train.py under mmengine's AmpOptimWrapper (bf16 and fp16), the
pre-training (UmURL and USDRL) and fine-tuning recipes' GPU path, run on
the CPU: the wrapper is let build there and its autocast runs as
``torch.autocast('cpu')`` (tests/amp_on_cpu.py)."""
import glob
import json
import math

import pytest
import torch

from tests.test_tools.test_eval_protocols import FT, classifier_opts
from tests.utils import REPO, run_tool, tiny_options

C = 'configs/umurl/'
PRE = {
    '3d': C + 'umurl_1xb64-40e_synthetic-xsub-keypoint-3d.py',
    '2d': C + 'umurl_1xb64-40e_synthetic-xsub-keypoint-2d.py'
}
# the per-sample alternative of the device-side views, as the base config
# says to select it
PER_SAMPLE = """
model = dict(data_preprocessor=dict(
    _delete_=True, type='ActionDataPreprocessor'))
train_dataloader = dict(
    dataset=dict(pipeline={{_base_.per_sample_view_pipeline}}))
"""


def amp_config(tmp_path, base, extra=''):
    """A leaf config of ``base`` that trains under the CPU AmpOptimWrapper
    and records the autocast dtype."""
    path = tmp_path / 'amp.py'
    path.write_text(
        f"_base_ = '{REPO}/{base}'\n"
        "custom_imports = dict(imports=['umurl_mm', 'tests.amp_on_cpu'])\n"
        "custom_hooks = [dict(type='EpochSeedHook'), "
        "dict(type='FiniteGuardHook'), dict(type='CheckpointGuardHook'), "
        "dict(type='AutocastProbeHook')]\n"
        'default_hooks = dict(logger=dict(interval=1))\n' + extra)
    return str(path)


def amp_options(dtype):
    return ['optim_wrapper.type=AmpOptimWrapper',
            f'optim_wrapper.dtype={dtype}',
            'optim_wrapper.loss_scale=dynamic']


def check_run(proc, work, dtype):
    """The run finished under autocast with finite losses and weights."""
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert json.load(open(f'{work}/autocast_dtypes.json')) == \
        [f'torch.{dtype}']
    scalars = glob.glob(f'{work}/*/vis_data/scalars.json')[0]
    losses = [json.loads(line)['loss'] for line in open(scalars)
              if '"loss"' in line]
    assert losses and all(math.isfinite(v) for v in losses)
    ckpt = torch.load(sorted(glob.glob(f'{work}/epoch_*.pth'))[-1],
                      weights_only=False)
    assert 'loss_scaler' in ckpt['optimizer']  # AmpOptimWrapper's state
    for key, value in ckpt['state_dict'].items():
        if value.is_floating_point():
            assert value.dtype == torch.float32, key
            assert torch.isfinite(value).all(), key


# 3D: both view paths in both dtypes; 2D: each view path in one dtype
@pytest.mark.parametrize('dim,views,dtype', [
    ('3d', 'device', 'bfloat16'), ('3d', 'device', 'float16'),
    ('3d', 'per-sample', 'bfloat16'), ('3d', 'per-sample', 'float16'),
    ('2d', 'device', 'bfloat16'), ('2d', 'per-sample', 'float16')])
def test_pretrain_under_amp(tmp_path, tiny_pkl, tiny_pkl_2d, dim, views,
                            dtype):
    config = amp_config(tmp_path, PRE[dim],
                        PER_SAMPLE if views == 'per-sample' else '')
    work = str(tmp_path / 'work')
    data = tiny_pkl if dim == '3d' else tiny_pkl_2d
    proc = run_tool('tools/train.py', config, '--work-dir', work,
                    *tiny_options(data, 1), *amp_options(dtype),
                    pythonpath=True)
    check_run(proc, work, dtype)


@pytest.fixture(scope='module')
def pretrained(tiny_pkl, tmp_path_factory):
    work = str(tmp_path_factory.mktemp('pre'))
    proc = run_tool('tools/train.py', PRE['3d'], '--work-dir', work,
                    *tiny_options(tiny_pkl, 1))
    assert proc.returncode == 0, proc.stderr[-3000:]
    return f'{work}/epoch_1.pth'


@pytest.mark.parametrize('dtype', ['bfloat16', 'float16'])
def test_finetune_under_amp(tmp_path, tiny_pkl, pretrained, dtype):
    work = str(tmp_path / 'work')
    proc = run_tool('tools/train.py', amp_config(tmp_path, FT), '--work-dir',
                    work, '--cfg-options',
                    *classifier_opts(tiny_pkl, pretrained, 1),
                    *amp_options(dtype), pythonpath=True)
    check_run(proc, work, dtype)


@pytest.mark.parametrize('dtype', ['bfloat16', 'float16'])
def test_usdrl_pretrain_under_amp(tmp_path, tiny_pkl, dtype):
    from tests.test_tools.test_eval_protocols import loaders
    config = amp_config(tmp_path, 'configs/usdrl/'
                        'usdrl_1xb64-40e_synthetic-xsub-keypoint-3d.py')
    work = str(tmp_path / 'work')
    proc = run_tool(
        'tools/train.py', config, '--work-dir', work, '--cfg-options',
        'model.backbone.hidden_dim=16',
        'model.projector.temporal.in_channels=16',
        'model.projector.spatial.in_channels=16',
        'model.projector.instance.in_channels=32',
        *loaders(tiny_pkl, 'train_dataloader'), 'train_cfg.max_epochs=1',
        'default_hooks.checkpoint.interval=1', *amp_options(dtype),
        pythonpath=True)
    check_run(proc, work, dtype)
