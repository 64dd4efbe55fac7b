"""Per-clip .npy folders (any layout) + labels CSV -> PoseDataset."""
import mmengine
import numpy as np
import pytest

from tests.utils import run_tool
from umurl_mm.datasets import UmURLPoseDataset, umurl_normalize
from umurl_mm.datasets.converters import read_labels_csv, read_npy_clip
from umurl_mm.testing.synthetic import make_sample

MOCAP = dict(name='mocap', joints=4, bone_pairs=[[1, 1], [2, 1], [3, 1],
                                                 [4, 3]],
             center=[0], shoulders=[1, 2], num_coords=3)


def test_3d_ntu_clip_is_normalised_like_the_ntu_tools(tmp_path):
    raw = make_sample(2, 1, 2, 0)['keypoint']
    path = str(tmp_path / 'a.npy')
    np.save(path, raw[0])  # (T, V, C): one person
    anno = read_npy_clip(path, 'a', 'nturgb+d')
    # one person stays one person; num_person=2 pads as the NTU tools do
    ref, frames = umurl_normalize(raw[:1], 1)
    np.testing.assert_array_equal(anno['keypoint'], ref)
    assert anno['total_frames'] == frames
    two = read_npy_clip(path, 'a', 'nturgb+d', num_person=2)
    ref, frames = umurl_normalize(raw[:1], 2)
    np.testing.assert_array_equal(two['keypoint'], ref)


def test_custom_3d_layout_and_2d_with_scores(tmp_path):
    rng = np.random.default_rng(0)
    np.save(tmp_path / 'm.npy', rng.normal(size=(2, 9, 4, 3)))
    anno = read_npy_clip(str(tmp_path / 'm.npy'), 'm', MOCAP)
    np.testing.assert_allclose(anno['keypoint'][0, :, 0], 0, atol=1e-6)
    xy = rng.uniform(1, 500, (7, 17, 2))
    np.save(tmp_path / 'c.npy', np.concatenate(
        [xy, rng.uniform(0, 1, (7, 17, 1))], -1))
    anno = read_npy_clip(str(tmp_path / 'c.npy'), 'c', 'coco', (480, 640))
    assert anno['keypoint'].shape == (1, 7, 17, 2)
    assert anno['keypoint_score'].shape == (1, 7, 17)
    np.testing.assert_allclose(anno['keypoint'][0], xy, rtol=1e-6)
    assert anno['img_shape'] == (480, 640)


def test_errors_name_the_file_and_both_layouts(tmp_path):
    np.save(tmp_path / 'c.npy', np.ones((7, 17, 2)))
    with pytest.raises(ValueError, match='img_shape'):
        read_npy_clip(str(tmp_path / 'c.npy'), 'c', 'coco')
    with pytest.raises(ValueError) as e:
        read_npy_clip(str(tmp_path / 'c.npy'), 'c', 'nturgb+d')
    msg = str(e.value)
    assert 'c.npy' in msg and '17 joints (COCO-17?), 2D' in msg
    assert "'nturgb+d' layout expects 25 joints" in msg and '3D' in msg
    (tmp_path / 'bad.npy').write_bytes(b'garbage')
    with pytest.raises(ValueError, match='bad.npy: cannot read'):
        read_npy_clip(str(tmp_path / 'bad.npy'), 'bad', 'coco', (4, 4))


@pytest.mark.parametrize('text,match', [
    ('a,1\na,2\n', "line 2: 'a' is listed twice"),
    ('a,-1\n', "line 1: label '-1'"),
    ('a\n', 'line 1: expected name,label'),
    ('name,label\n', 'no labelled clip'),
])
def test_labels_csv_errors(tmp_path, text, match):
    path = tmp_path / 'l.csv'
    path.write_text(text)
    with pytest.raises(ValueError, match=match):
        read_labels_csv(str(path))


def test_tool_custom_layout_end_to_end(tmp_path):
    folder = tmp_path / 'clips'
    folder.mkdir()
    rng = np.random.default_rng(1)
    for i in range(4):
        np.save(folder / f'c{i}.npy', rng.normal(size=(10 + i, 4, 3)))
    (tmp_path / 'l.csv').write_text('c0,0,tr\nc1,1,tr\nc2,0,te\nc3,1,te\n')
    out = str(tmp_path / 'o.pkl')
    import json
    proc = run_tool('tools/data/npy_to_pkl.py', str(folder), out, '--labels',
                    str(tmp_path / 'l.csv'), '--layout', json.dumps(MOCAP))
    assert proc.returncode == 0, proc.stderr[-3000:]
    data = mmengine.load(out)
    assert data['split']['te'] == ['c2', 'c3']
    # single-person clips stay single-person; the file says so
    assert (data['layout'], data['num_person']) == ('mocap', 1)
    dataset = UmURLPoseDataset(out, pipeline=[], split='tr', layout=MOCAP,
                               num_person=1)
    assert dataset.get_data_info(1)['keypoint'].shape == (1, 11, 4, 3)
    proc = run_tool('tools/data/npy_to_pkl.py', str(folder), out, '--labels',
                    str(tmp_path / 'l.csv'), '--layout', json.dumps(MOCAP),
                    '--num-person', '2')
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert mmengine.load(out)['annotations'][0]['keypoint'].shape[0] == 2
    # a clip of another layout is refused, naming the file
    np.save(folder / 'c4.npy', rng.normal(size=(5, 25, 3)))
    proc = run_tool('tools/data/npy_to_pkl.py', str(folder), out,
                    '--layout', json.dumps(MOCAP))
    assert proc.returncode != 0 and 'c4.npy' in proc.stderr
    assert "'mocap' layout expects 4 joints" in proc.stderr
