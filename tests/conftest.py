import mmengine
import pytest
from mmaction.utils import register_all_modules

import umurl_mm  # noqa: F401
from umurl_mm.testing.synthetic import make_synthetic_dataset

register_all_modules(init_default_scope=True)


@pytest.fixture(scope='session')
def tiny_pkl_2d(tmp_path_factory):
    """The small synthetic set as COCO-17 2D keypoints (MMAction2's 2D
    format): 4 classes, 4 subjects."""
    data = make_synthetic_dataset(num_subjects=4, num_reps=1, num_classes=4,
                                  train_subjects=3, two_d=True)
    path = str(tmp_path_factory.mktemp('data2d') / 'tiny_2d.pkl')
    mmengine.dump(data, path)
    return path


@pytest.fixture(scope='session')
def tiny_pkl(tmp_path_factory):
    """A small synthetic PoseDataset file: 4 classes, 4 subjects."""
    data = make_synthetic_dataset(
        num_subjects=4, num_reps=1, num_classes=4, train_subjects=3)
    path = str(tmp_path_factory.mktemp('data') / 'tiny.pkl')
    mmengine.dump(data, path)
    return path


@pytest.fixture(scope='session')
def tiny_pkl_mamp(tmp_path_factory):
    """The small synthetic set as MAMP prepares data (translated only)."""
    data = make_synthetic_dataset(
        num_subjects=4, num_reps=1, num_classes=4, train_subjects=3,
        preprocess='mamp')
    path = str(tmp_path_factory.mktemp('data_mamp') / 'tiny_mamp.pkl')
    mmengine.dump(data, path)
    return path
