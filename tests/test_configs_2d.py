"""Every 2D config agrees with itself: the encoder, every dataset, every
pipeline (training, evaluation, feature API) and the device-side views
use the same layout and score channel."""
import glob
import os

import pytest
from mmengine.config import Config

from tests.utils import REPO

CONFIGS_2D = sorted(
    glob.glob(f'{REPO}/configs/umurl/*keypoint-2d.py') +
    glob.glob(f'{REPO}/configs/umurl/benchmarks/*keypoint-2d.py'))


def test_2d_configs_exist():
    names = {os.path.basename(c) for c in CONFIGS_2D}
    for name in ('umurl_1xb64-40e_synthetic-xsub-keypoint-2d.py',
                 'umurl-linear_1xb64-60e_synthetic-xsub-keypoint-2d.py',
                 'umurl-knn_synthetic-xsub-keypoint-2d.py',
                 'umurl_4xb128-451e_ntu60-xsub-keypoint-2d.py',
                 'umurl-linear_1xb512-150e_ntu60-xsub-keypoint-2d.py',
                 'umurl-knn_ntu60-xsub-keypoint-2d.py'):
        assert name in names


@pytest.mark.parametrize('path', CONFIGS_2D, ids=os.path.basename)
def test_one_layout_everywhere(path):
    cfg = Config.fromfile(path)
    backbone = cfg.model.backbone
    assert backbone.layout == 'coco' and backbone.in_channels == 3
    datasets = []
    for key in ('train_dataloader', 'val_dataloader', 'test_dataloader'):
        if key in cfg:
            ds = cfg[key].dataset
            datasets += ds.datasets if ds.type == 'ConcatDataset' else [ds]
    pipelines = [cfg.eval_pipeline] + [ds.pipeline for ds in datasets]
    for ds in datasets:
        assert ds.layout == 'coco' and ds.with_score is True
        assert ds.ann_file.endswith('_2d.pkl')
    for pipeline in pipelines:
        first = pipeline[0]
        assert first == dict(type='UmURLPreNormalize2D', layout='coco',
                             with_score=True)
    if 'data_preprocessor' in cfg.model:  # pre-training views
        views = cfg.model.data_preprocessor
        assert views.corrupt_joints == 10
        # the per-sample alternative makes the same views
        per_sample = cfg.per_sample_view_pipeline
        assert per_sample[0] == pipelines[0][0]
        multi_view = per_sample[2]
        assert multi_view.type == 'MultiView'
        assert (multi_view.corrupt_joints, multi_view.num_coords) == (10, 2)


def test_per_sample_2d_views_run(tmp_path):
    import mmengine

    from umurl_mm.datasets import UmURLPoseDataset
    from umurl_mm.testing.synthetic import make_synthetic_dataset
    path = str(tmp_path / 'd.pkl')
    mmengine.dump(make_synthetic_dataset(num_subjects=1, num_reps=1,
                                         num_classes=2, two_d=True), path)
    cfg = Config.fromfile(
        f'{REPO}/configs/umurl/'
        'umurl_1xb64-40e_synthetic-xsub-keypoint-2d.py')
    dataset = UmURLPoseDataset(path, pipeline=cfg.per_sample_view_pipeline,
                               layout='coco', with_score=True)
    assert dataset[(0, 7)]['inputs'].shape == (4, 2, 64, 17, 3)
