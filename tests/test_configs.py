"""Every shipped config parses and builds its model and datasets' settings."""
import glob
import os

import pytest
from mmaction.registry import MODELS
from mmengine.config import Config

from tests.utils import REPO

CONFIGS = sorted(glob.glob(f'{REPO}/configs/umurl/*.py'))


def test_all_protocols_have_configs():
    names = [os.path.basename(c) for c in CONFIGS]
    for key in ('ntu60-xsub', 'ntu60-xview', 'ntu120-xsub', 'ntu120-xset'):
        for kind in ('umurl_', 'umurl-linear_', 'umurl-knn_',
                     'umurl-finetune_'):
            assert any(n.startswith(kind) and key in n for n in names), (
                kind, key)
    for kind in ('umurl-semi-1p_', 'umurl-semi-10p_', 'umurl-transfer-'):
        assert any(n.startswith(kind) for n in names), kind
    assert any('linear' in n and 'pku2' in n for n in names)


@pytest.mark.parametrize('path', CONFIGS, ids=os.path.basename)
def test_config_builds(path):
    cfg = Config.fromfile(path)
    model_cfg = cfg.model.copy()
    model_cfg.backbone.pop('init_cfg', None)  # checkpoints are not here
    model = MODELS.build(model_cfg)
    assert model.backbone.out_channels == 2 * cfg.model.backbone.hidden_dim
    loaders = [cfg.get(k) for k in ('train_dataloader', 'test_dataloader')]
    datasets = []
    for loader in filter(None, loaders):
        ds = loader.dataset
        datasets += ds.datasets if ds.type == 'ConcatDataset' else [ds]
    assert datasets
    for ds in datasets:
        assert ds.type == 'UmURLPoseDataset' and ds.ann_file and ds.split
    if 'cls_head' in cfg.model:
        head = cfg.model.cls_head
        assert head.in_channels == 2 * cfg.model.backbone.hidden_dim
        for ds in datasets:
            assert ds.num_classes == head.num_classes
