import mmengine
import pytest
from mmaction.utils import register_all_modules

import umurl_mm  # noqa: F401
from umurl_mm.testing.synthetic import make_synthetic_dataset

register_all_modules(init_default_scope=True)


def dump_tiny(tmp_path_factory, name: str, **kwargs) -> str:
    """The small synthetic set (4 classes, 4 subjects, 3 of them training)
    made with ``kwargs``, dumped to a fresh folder as ``name``."""
    data = make_synthetic_dataset(num_subjects=4, num_reps=1, num_classes=4,
                                  train_subjects=3, **kwargs)
    path = str(tmp_path_factory.mktemp('data') / name)
    mmengine.dump(data, path)
    return path


@pytest.fixture(scope='session')
def tiny_pkl_2d(tmp_path_factory):
    """The small synthetic set as COCO-17 2D keypoints (MMAction2's 2D
    format)."""
    return dump_tiny(tmp_path_factory, 'tiny_2d.pkl', two_d=True)


@pytest.fixture(scope='session')
def tiny_pkl(tmp_path_factory):
    """A small synthetic PoseDataset file, UmURL-normalised."""
    return dump_tiny(tmp_path_factory, 'tiny.pkl')


@pytest.fixture(scope='session')
def tiny_pkl_mamp(tmp_path_factory):
    """The small synthetic set as MAMP prepares data (translated only)."""
    return dump_tiny(tmp_path_factory, 'tiny_mamp.pkl', preprocess='mamp')
