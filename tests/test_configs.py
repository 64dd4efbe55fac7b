"""Every shipped config parses and builds its model and datasets' settings."""
import glob
import os
import re

import pytest
from mmaction.registry import MODELS
from mmengine.config import Config

from tests.utils import REPO, config_datasets, run_tool

CONFIGS = sorted(glob.glob(f'{REPO}/configs/umurl/*.py') +
                 glob.glob(f'{REPO}/configs/umurl/benchmarks/*.py') +
                 glob.glob(f'{REPO}/configs/usdrl/*.py') +
                 glob.glob(f'{REPO}/configs/usdrl/benchmarks/*.py') +
                 glob.glob(f'{REPO}/configs/*.py'))


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
    datasets = config_datasets(cfg)
    assert datasets
    for ds in datasets:
        assert ds.type == 'UmURLPoseDataset' and ds.ann_file and ds.split
    if 'cls_head' in cfg.model:
        head = cfg.model.cls_head
        assert head.in_channels == 2 * cfg.model.backbone.hidden_dim
        for ds in datasets:
            assert ds.num_classes == head.num_classes


LINEAR = [c for c in CONFIGS if 'linear_1xb512-150e' in c]


@pytest.mark.parametrize('path', LINEAR, ids=os.path.basename)
def test_linear_recipe_is_the_official_one_in_one_process(path):
    """Spec: batch 512 in one process, SGD lr 0.03 momentum 0.9 no weight
    decay, 150 epochs, lr x0.1 at 120 and 140, test split every 5 epochs,
    best top-1 kept; frozen encoder, Linear ~ N(0, 0.01), bias 0."""
    cfg = Config.fromfile(path)
    assert cfg.train_dataloader.batch_size == 512
    assert cfg.optim_wrapper.optimizer == dict(
        type='SGD', lr=0.03, momentum=0.9, weight_decay=0.0)
    assert cfg.optim_wrapper.get('type', 'OptimWrapper') == 'OptimWrapper'
    assert [dict(s) for s in cfg.param_scheduler] == [
        dict(type='MultiStepLR', by_epoch=True, milestones=[120, 140],
             gamma=0.1)
    ]
    assert cfg.train_cfg.max_epochs == 150 and cfg.train_cfg.val_interval == 5
    assert cfg.default_hooks.checkpoint.save_best == 'acc/top1'
    val, test = cfg.val_dataloader.dataset, cfg.test_dataloader.dataset
    assert val.split == test.split
    assert cfg.model.backbone.frozen
    assert cfg.model.cls_head.init_cfg == dict(
        type='Normal', layer='Linear', std=0.01, bias=0)
    # several GPUs: --auto-scale-lr scales from the official batch of 512
    assert cfg.auto_scale_lr == dict(enable=False, base_batch_size=512)


def test_main_command_config_is_the_ntu60_xsub_recipe():
    main = Config.fromfile(f'{REPO}/configs/umurl_ntu60_xsub.py')
    recipe = Config.fromfile(
        f'{REPO}/configs/umurl/umurl_4xb128-451e_ntu60-xsub-keypoint-'
        '3d.py')
    # the official global batch of 512, here in one process
    assert main.train_dataloader.batch_size == 512
    main.train_dataloader.batch_size = recipe.train_dataloader.batch_size
    for key in ('model', 'train_dataloader', 'optim_wrapper',
                'param_scheduler', 'train_cfg', 'custom_hooks'):
        assert main[key] == recipe[key], key


def test_missing_data_names_the_file_and_the_command(tmp_path):
    proc = run_tool('tools/train.py', 'configs/umurl_ntu60_xsub.py',
                    '--work-dir', str(tmp_path))
    assert proc.returncode != 0
    assert 'annotation file data/ntu60/ntu60_3d_umurl.pkl does not exist' \
        in proc.stderr
    assert 'python tools/data/ntu_skeleton_to_pkl.py nturgb+d_skeletons/ ' \
        'data/ntu60/ntu60_3d_umurl.pkl --benchmark ntu60' in proc.stderr
    assert not list(tmp_path.glob('*.pth'))


@pytest.mark.parametrize('path', CONFIGS, ids=os.path.basename)
def test_epochs_in_the_name_are_the_epochs_trained(path):
    """``..._4xb128-451e_...`` trains 451 epochs."""
    epochs = re.findall(r'[-_](\d+)e_', os.path.basename(path))
    cfg = Config.fromfile(path)
    if epochs:
        assert cfg.train_cfg.max_epochs == int(epochs[0])
    assert 'u64' not in os.path.basename(path)


def test_downstream_configs_live_in_benchmarks():
    for method in ('umurl', 'usdrl', 'mamp'):
        for path in glob.glob(f'{REPO}/configs/{method}/*.py'):
            cfg = Config.fromfile(path)
            assert cfg.model.type.endswith('Pretrainer'), path
        for path in glob.glob(f'{REPO}/configs/{method}/benchmarks/*.py'):
            name = os.path.basename(path)
            assert name.startswith(f'{method}-'), name


def test_metafile_in_mmpretrain_form():
    """Pre-training entries have no results and list their downstream
    entries; every entry's config exists."""
    import yaml
    models = {}
    for method in ('umurl', 'usdrl', 'mamp'):
        meta = yaml.safe_load(open(f'{REPO}/configs/{method}/metafile.yml'))
        models.update({m['Name']: m for m in meta['Models']})
    for name, model in models.items():
        assert os.path.isfile(f"{REPO}/{model['Config']}"), name
        assert os.path.basename(model['Config']) == name + '.py'
        if 'Downstream' in model:
            assert model['Results'] is None, name
            assert '/benchmarks/' not in model['Config']
            for down in model['Downstream']:
                assert down in models, (name, down)
                assert '/benchmarks/' in models[down]['Config']
