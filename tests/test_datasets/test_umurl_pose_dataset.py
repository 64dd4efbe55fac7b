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
    (set_field('label', '3'), r"field 'label': '3' \(str\) is not an integer"),
    (set_field('label', 1.5), "field 'label': 1.5 .* not an integer"),
    (set_field('keypoint', lambda a: a['keypoint'][:, :, :17]),
     r"'keypoint': the data has 17 joints \(COCO-17\?\), 3D .* expects "
     r'25 joints \(NTU'),
    (set_field('keypoint', lambda a: a['keypoint'][..., :2]),
     "'keypoint': the data has 25 joints .*, 2D .* expects .*, 3D"),
    (set_field('keypoint', lambda a: np.where(
        np.arange(3) == 2, 1e30, a['keypoint']).astype(np.float32)),
     r"'keypoint': implausible coordinate 1e\+30 at index \(m, t, v, c\) = "
     r'\(0, 0, 0, 2\)'),
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


def test_extreme_values_allowed_when_asked(tmp_path, tiny_pkl):
    path = corrupt(tmp_path, tiny_pkl, set_field(
        'keypoint', lambda a: (a['keypoint'] * 1e6).astype(np.float32)))
    with pytest.raises(ValueError, match='implausible'):
        build(path)
    assert len(build(path, max_abs=None)) > 0
    assert len(build(path, max_abs=1e9)) > 0


def test_layout_from_config(tmp_path, tiny_pkl):
    path = corrupt(tmp_path, tiny_pkl, lambda data: [
        a.update(keypoint=a['keypoint'][:, :, :17, :2], img_shape=(1080, 1920))
        for a in data['annotations']])
    with pytest.raises(ValueError, match='2D'):
        build(path)
    # the layout gives the joints and coordinates
    assert len(build(path, layout='coco')) > 0


def test_split_names_must_have_annotations(tmp_path, tiny_pkl):

    def drop(data):
        data['annotations'] = [
            a for a in data['annotations']
            if a['frame_dir'] != data['split']['xsub_train'][1]]

    path = corrupt(tmp_path, tiny_pkl, drop)
    name = mmengine.load(tiny_pkl)['split']['xsub_train'][1]
    with pytest.raises(ValueError, match=rf"split 'xsub_train' names 1 of "
                       rf".* no annotation: \['{name}'\]"):
        build(path)
    assert len(build(path, split='xsub_val')) > 0


def test_seeded_index_fixes_augmentation(tiny_pkl):
    pipeline = [
        dict(type='FormatGCNInput', num_person=2),
        dict(type='TemporalCropResize', clip_len=16)
    ]
    ds = build(tiny_pkl, pipeline=pipeline)
    first = ds[(3, 1234)]['keypoint']
    np.random.seed(99)  # the global state must not matter ...
    state = np.random.get_state()[1].copy()
    again = ds[(3, 1234)]['keypoint']
    np.testing.assert_array_equal(first, again)
    # ... and is left as it was
    np.testing.assert_array_equal(np.random.get_state()[1], state)
    assert not np.array_equal(first, ds[(3, 1235)]['keypoint'])
    assert ds[3]['keypoint'].shape == first.shape  # plain indices still work
