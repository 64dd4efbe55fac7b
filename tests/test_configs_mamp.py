"""MAMP's shipped configs: every one builds; the pre-training schedule
and weight decay are the spec's."""
import glob
import math
import os
import re

import pytest
import torch
from mmaction.registry import MODELS, OPTIM_WRAPPER_CONSTRUCTORS
from mmengine.config import Config
from mmengine.registry import PARAM_SCHEDULERS

from tests.utils import REPO, config_datasets
from umurl_mm.skeleton_settings import apply_skeleton

CONFIGS = sorted(glob.glob(f'{REPO}/configs/mamp/*.py') +
                 glob.glob(f'{REPO}/configs/mamp/benchmarks/*.py'))


@pytest.mark.parametrize('path', CONFIGS, ids=os.path.basename)
def test_config_builds(path):
    cfg = apply_skeleton(Config.fromfile(path))
    model_cfg = cfg.model.copy()
    model_cfg.backbone.pop('init_cfg', None)  # checkpoints are not here
    model = MODELS.build(model_cfg)
    enc = model.backbone
    datasets = config_datasets(cfg)
    assert datasets
    for ds in datasets:
        assert ds.type == 'UmURLPoseDataset' and ds.ann_file and ds.split
        assert 'mamp' in ds.ann_file  # MAMP's translation-only data
        for t in ds.pipeline:
            if t.type == 'TemporalCropResize':
                assert t.clip_len == enc.input_shape[1]
    if 'cls_head' in cfg.model:
        head = cfg.model.cls_head
        V = enc.layout.num_joints
        assert head.in_channels == enc.out_channels * (
            V if head.type == 'MAMPFinetuneHead' else 1)
        for ds in datasets:
            assert ds.num_classes == head.num_classes


def spec_lr(e, peak, warmup, total, low):
    """util/lr_sched.adjust_learning_rate (before the layer scale)."""
    if e < warmup:
        return peak * e / warmup
    return low + (peak - low) * 0.5 * (1 + math.cos(
        math.pi * (e - warmup) / (total - warmup)))


@pytest.mark.parametrize('name,peak,warmup,total,low', [
    ('adamw_400e_warmup.py', 1e-3, 20, 400, 5e-4),
    ('adamw_100e_layer_decay.py', 3e-4, 5, 100, 1e-5)])
def test_schedules_are_the_spec_ones(name, peak, warmup, total, low):
    """Per iteration e = epoch + it / iters: linear warm-up from 0, cosine
    to min_lr: pre-training 1e-3, 20 warm-up epochs, min_lr 5e-4 at 400;
    fine-tuning 3e-4, 5, 1e-5 at 100 (a layer scale multiplies all of it,
    the minimum too)."""
    cfg = Config.fromfile(f'{REPO}/configs/_base_/schedules/{name}')
    param = torch.nn.Parameter(torch.zeros(1))
    scale = 0.8**3
    opt = torch.optim.AdamW([dict(params=[param], lr=peak * scale)], **{
        k: v for k, v in cfg.optim_wrapper.optimizer.items() if k != 'type'})
    iters = 7
    schedulers = [PARAM_SCHEDULERS.build(
        s, default_args=dict(optimizer=opt, epoch_length=iters))
        for s in cfg.param_scheduler]
    for step in range(total * iters):
        lr = opt.param_groups[0]['lr']
        expected = scale * spec_lr(step / iters, peak, warmup, total, low)
        assert lr == pytest.approx(expected, abs=1e-15, rel=1e-9), step
        opt.step()  # no gradient: no update, the order torch expects
        for s in schedulers:
            s.step()


def test_pretraining_weight_decay_spares_only_flat_weights():
    """timm's add_weight_decay: no decay iff 1-D or a bias; embeddings,
    the mask token and the patch convolution are decayed."""
    cfg = Config.fromfile(f'{REPO}/configs/_base_/schedules/'
                          'adamw_400e_warmup.py')
    model = MODELS.build(dict(
        type='MAMPPretrainer',
        backbone=dict(type='MAMPEncoder', embed_dims=32, depth=2,
                      num_heads=2),
        decoder=dict(embed_dims=32, depth=1, num_heads=2)))
    wrapper_cfg = cfg.optim_wrapper.copy()
    paramwise = wrapper_cfg.pop('paramwise_cfg')
    wrapper = OPTIM_WRAPPER_CONSTRUCTORS.build(dict(
        type=wrapper_cfg.pop('constructor'),
        optim_wrapper_cfg=wrapper_cfg, paramwise_cfg=paramwise))(model)
    groups = wrapper.optimizer.param_groups
    assert all(type(g) is dict for g in groups)  # compile=True needs them
    decay = {id(p): g['weight_decay'] for g in groups for p in g['params']}
    names = dict(model.named_parameters())
    for name, p in names.items():
        flat = p.ndim == 1 or name.endswith('.bias')
        assert decay[id(p)] == (0. if flat else 0.05), name
    assert decay[id(names['decoder.mask_token'])] == 0.05
    assert decay[id(names['backbone.pos_embed'])] == 0.05


@pytest.mark.parametrize('path', CONFIGS, ids=os.path.basename)
def test_epochs_in_the_name_are_the_epochs_trained(path):
    """``..._4xb32-400e_...`` trains 400 epochs."""
    epochs = re.findall(r'[-_](\d+)e_', os.path.basename(path))
    if epochs:
        assert Config.fromfile(path).train_cfg.max_epochs == int(epochs[0])
