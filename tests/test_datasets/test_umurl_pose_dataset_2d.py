"""2D data in UmURLPoseDataset: MMAction2's 2D pkl read as is, and clear
errors when data and config disagree."""
import mmengine
import numpy as np
import pytest

from umurl_mm.datasets import UmURLPoseDataset


@pytest.fixture(scope='module')
def pkl_2d(tiny_pkl_2d):
    return tiny_pkl_2d, mmengine.load(tiny_pkl_2d)


def write(tmp_path, data, change):
    data = dict(data, annotations=[dict(a) for a in data['annotations']])
    change(data['annotations'][1])
    path = str(tmp_path / 'bad.pkl')
    mmengine.dump(data, path)
    return path


def test_reads_mmaction_2d_format(pkl_2d):
    path, data = pkl_2d
    dataset = UmURLPoseDataset(path, pipeline=[], split='xsub_train',
                               layout='coco', with_score=True)
    info = dataset.get_data_info(0)
    assert info['keypoint'].shape[2:] == (17, 2)
    assert info['keypoint_score'].shape == info['keypoint'].shape[:3]


def test_2d_data_in_a_3d_config_names_both(pkl_2d):
    with pytest.raises(ValueError) as e:
        UmURLPoseDataset(pkl_2d[0], pipeline=[], split='xsub_train',
                         layout='nturgb+d')
    msg = str(e.value)
    assert "sample 0 ('S001C001P001R001A001'), field 'keypoint'" in msg
    assert 'the data has 17 joints (COCO-17?), 2D' in msg
    assert "the config's 'nturgb+d' layout expects 25 joints" in msg


@pytest.mark.parametrize('change,match', [
    (lambda a: a.pop('keypoint_score'), "'keypoint_score': missing"),
    (lambda a: a.update(keypoint_score=a['keypoint_score'][:, :2]),
     "'keypoint_score': expected an array of shape"),
    (lambda a: a.update(keypoint_score=a['keypoint_score'] * np.nan),
     "'keypoint_score': non-finite"),
    (lambda a: a.pop('img_shape'), "'img_shape': missing"),
    (lambda a: a.update(img_shape=(0, 5)), "'img_shape': expected a positive"),
])
def test_bad_2d_fields_are_named(pkl_2d, tmp_path, change, match):
    path = write(tmp_path, pkl_2d[1], change)
    with pytest.raises(ValueError, match=f"sample 1 .*{match}"):
        UmURLPoseDataset(path, pipeline=[], layout='coco', with_score=True)
