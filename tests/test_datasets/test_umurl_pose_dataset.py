import copy
import pickle

import mmengine
import numpy as np
import pytest
from mmaction.registry import DATASETS


def build(path, **kwargs):
    cfg = dict(type='UmURLPoseDataset', ann_file=path, pipeline=[],
               split='xsub_train')
    cfg.update(kwargs)
    return DATASETS.build(cfg)


def test_loads_split_and_subset(tiny_pkl):
    ds = build(tiny_pkl, subset='gallery', num_classes=4)
    data = mmengine.load(tiny_pkl)
    assert len(ds) == len(data['split']['xsub_train'])
    info = ds.get_data_info(0)
    assert info['subset'] == 'gallery' and info['keypoint'].ndim == 4


def corrupt(tmp_path, tiny_pkl, edit):
    data = copy.deepcopy(mmengine.load(tiny_pkl))
    edit(data)
    path = str(tmp_path / 'bad.pkl')
    mmengine.dump(data, path)
    return path


def set_field(field, value, index=0):

    def edit(data):
        anno = next(a for a in data['annotations']
                    if a['frame_dir'] == data['split']['xsub_train'][index])
        if value is None:
            del anno[field]
        else:
            anno[field] = value(anno) if callable(value) else value

    return edit


@pytest.mark.parametrize('edit,match', [
    (set_field('keypoint', lambda a: a['keypoint'][0]),
     r"sample 0 \('S001C001P001R001A001'\), field 'keypoint'.*shape"),
    (set_field('keypoint', lambda a: a['keypoint'] * np.nan),
     "field 'keypoint': non-finite"),
    (set_field('keypoint', np.zeros((2, 0, 25, 3))), 'empty sequence'),
    (set_field('total_frames', 0), "field 'total_frames'"),
    (set_field('total_frames', 10**6), "field 'total_frames'"),
    (set_field('label', 7), "field 'label': 7 is outside"),
    (set_field('label', None), "missing field 'label'"),
])
def test_bad_samples(tmp_path, tiny_pkl, edit, match):
    path = corrupt(tmp_path, tiny_pkl, edit)
    with pytest.raises(ValueError, match=match) as err:
        build(path, num_classes=4)
    assert path in str(err.value)


def test_bad_files(tmp_path, tiny_pkl):
    raw = open(tiny_pkl, 'rb').read()
    trunc = tmp_path / 'trunc.pkl'
    trunc.write_bytes(raw[:len(raw) // 2])
    with pytest.raises(ValueError, match='trunc.pkl: cannot read'):
        build(str(trunc))
    with pytest.raises(ValueError, match="split 'xset_train' not found"):
        build(tiny_pkl, split='xset_train')
    path = tmp_path / 'noanno.pkl'
    path.write_bytes(pickle.dumps({'split': {}}))
    with pytest.raises(ValueError, match="no 'annotations'"):
        build(str(path))


def test_label_fraction_is_balanced_and_seeded(tiny_pkl):
    full = build(tiny_pkl)
    part = build(tiny_pkl, label_fraction=0.5, label_seed=1)
    again = build(tiny_pkl, label_fraction=0.5, label_seed=1)
    other = build(tiny_pkl, label_fraction=0.5, label_seed=2)
    names = lambda ds: [ds.get_data_info(i)['frame_dir']  # noqa: E731
                        for i in range(len(ds))]
    assert names(part) == names(again) and names(part) != names(other)
    count = lambda ds: np.bincount(  # noqa: E731
        [ds.get_data_info(i)['label'] for i in range(len(ds))])
    np.testing.assert_array_equal(count(part), np.round(count(full) * 0.5))
    tiny = build(tiny_pkl, label_fraction=0.001)
    np.testing.assert_array_equal(count(tiny), 1)
    with pytest.raises(ValueError, match='label_fraction'):
        build(tiny_pkl, label_fraction=0)
