import pickle

import numpy as np
import pytest

from umurl_mm.datasets.converters.official_npy import (convert_official_npy,
                                                       merge_pose_data)


def write_official(folder, part, n, frames=300, seed=0):
    rng = np.random.default_rng(seed)
    data = np.zeros((n, 3, frames, 25, 2), np.float32)
    num = rng.integers(10, frames, n)
    for i, f in enumerate(num):
        data[i, :, :f] = rng.normal(size=(3, f, 25, 2))
    np.save(folder / f'{part}_data_joint.npy', data)
    names = [f'S001C001P{i + 1:03d}R001A001.skeleton' for i in range(n)]
    labels = list(rng.integers(0, 60, n))
    with open(folder / f'{part}_label.pkl', 'wb') as f:
        pickle.dump((names, labels), f)
    np.save(folder / f'{part}_num_frame.npy', num)
    return data, num, labels


def test_convert(tmp_path):
    data, num, labels = write_official(tmp_path, 'train', 3)
    write_official(tmp_path, 'val', 2, seed=1)
    out = convert_official_npy(str(tmp_path), 'xsub')
    assert len(out['split']['xsub_train']) == 3
    assert len(out['split']['xsub_val']) == 2
    anno = out['annotations'][1]
    assert anno['frame_dir'] == 'S001C001P002R001A001'
    assert anno['total_frames'] == num[1] and anno['label'] == labels[1]
    # (C, T, V, M) -> (M, T, V, C), cut to the valid frames
    np.testing.assert_array_equal(anno['keypoint'][1, 4, 7],
                                  data[1, :, 4, 7, 1])
    assert anno['keypoint'].shape == (2, num[1], 25, 3)


def test_inconsistent_files(tmp_path):
    write_official(tmp_path, 'train', 3)
    write_official(tmp_path, 'val', 2)
    np.save(tmp_path / 'val_num_frame.npy', np.array([5]))
    with pytest.raises(ValueError, match='val files disagree'):
        convert_official_npy(str(tmp_path), 'xsub')


def pose_data(split, names, labels, frames=10):
    annos = [dict(frame_dir=n, label=y, total_frames=frames,
                  keypoint=np.zeros((2, frames, 25, 3), np.float32))
             for n, y in zip(names, labels)]
    return dict(split={split: list(names)}, annotations=annos)


def test_merge_benchmarks():
    xsub = pose_data('xsub_train', ['a', 'b'], [0, 1])
    xview = pose_data('xview_train', ['b', 'c'], [1, 2])
    out = merge_pose_data(xsub, xview)
    assert out['split'] == {'xsub_train': ['a', 'b'],
                            'xview_train': ['b', 'c']}
    assert [a['frame_dir'] for a in out['annotations']] == ['a', 'b', 'c']
    with pytest.raises(ValueError, match=r"x/: splits \['xsub_train'\]"):
        merge_pose_data(out, xsub, 'x/')
    wrong = pose_data('xview_val', ['b'], [5])
    with pytest.raises(ValueError, match="'b' disagrees.*label 5 vs 1"):
        merge_pose_data(xsub, wrong)


def test_layout_and_garbage_are_named(tmp_path):
    write_official(tmp_path, 'train', 2)
    write_official(tmp_path, 'val', 2)
    joint = tmp_path / 'train_data_joint.npy'
    np.save(joint, np.zeros((2, 3, 300, 17, 2), np.float32))
    with pytest.raises(ValueError, match=r'train_data_joint.npy: expected '
                       r'\(N, 3, T, 25, M\).*got \(2, 3, 300, 17, 2\)'):
        convert_official_npy(str(tmp_path), 'xsub')
    joint.write_bytes(b'not a numpy file at all')
    with pytest.raises(ValueError, match='train_data_joint.npy: cannot read'):
        convert_official_npy(str(tmp_path), 'xsub')
