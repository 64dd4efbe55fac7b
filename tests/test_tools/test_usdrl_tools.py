"""USDRL through the tools, as a user runs it: pre-training (bone), resume,
linear evaluation on cached features, kNN and dense features, on tiny
data."""
import glob
import json

import numpy as np

from tests.test_tools.test_eval_protocols import (
    loaders, resume_equals_straight, run)

C = 'configs/usdrl/'
PRE = C + 'usdrl_1xb64-40e_synthetic-xsub-keypoint-3d.py'
LIN = C + 'benchmarks/usdrl-linear_1xb64-60e_synthetic-xsub-keypoint-3d.py'
KNN = C + 'benchmarks/usdrl-knn_synthetic-xsub-keypoint-3d.py'
TINY = ['model.backbone.hidden_dim=16', 'model.backbone.modality=bone',
        'model.projector.temporal.in_channels=16',
        'model.projector.spatial.in_channels=16',
        'model.projector.instance.in_channels=32']


def test_usdrl_pretrain_resume_linear_knn_dense(tiny_pkl, tmp_path):
    opts = [*TINY, *loaders(tiny_pkl, 'train_dataloader'),
            'default_hooks.checkpoint.interval=1',
            'default_hooks.checkpoint.max_keep_ckpts=3']
    ckpt = resume_equals_straight(PRE, opts, tmp_path)
    assert any('loss_bt' in open(log).read()
               for log in glob.glob(f'{tmp_path}/pre/*/*.log'))
    small = ['model.backbone.hidden_dim=16', 'model.backbone.modality=bone']
    names = ('train_dataloader', 'val_dataloader', 'test_dataloader')
    lin = str(tmp_path / 'lin')
    out = run('tools/train.py', LIN, '--work-dir', lin, '--cfg-options',
              *small, *loaders(tiny_pkl, *names,
                               split=('xsub_train', 'xsub_val', 'xsub_val')),
              'model.cls_head.in_channels=32', 'model.cls_head.num_classes=4',
              *[f'{n}.dataset.num_classes=4' for n in names],
              f'model.backbone.init_cfg.checkpoint={ckpt}',
              'train_cfg.max_epochs=2', 'train_cfg.val_interval=2')
    assert 'FrozenFeatureCacheHook: encoder features computed once' in out
    knn = str(tmp_path / 'knn')
    run('tools/test.py', KNN, ckpt, '--work-dir', knn, '--cfg-options',
        *small, *[f'test_dataloader.dataset.datasets.{i}.ann_file={tiny_pkl}'
                  for i in range(2)], 'test_dataloader.num_workers=0')
    metrics = json.load(open(f'{knn}/test_metrics.json'))
    assert 0 <= metrics['knn/top1'] <= 1
    run('tools/extract_features.py', KNN, ckpt, '--ann-file', tiny_pkl,
        '--split', 'xsub_val', '--dense', '--out', f'{tmp_path}/dense.npz',
        '--cfg-options', *small)
    dense = np.load(f'{tmp_path}/dense.npz')
    n = len(dense['labels'])
    assert dense['temporal'].shape == (n, 64, 16)
    assert dense['spatial'].shape == (n, 50, 16)
