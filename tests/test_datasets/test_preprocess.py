import numpy as np
import pytest

from umurl_mm.datasets import umurl_normalize
from umurl_mm.datasets.preprocess import (loop_pad, rotation_to_x,
                                          select_active_bodies)


def raw_sample(seed=0, frames=30):
    rng = np.random.default_rng(seed)
    kp = rng.normal(0, 0.3, (3, frames, 25, 3)) + [0.2, 0.1, 3.0]
    kp[1] *= 0.01  # nearly still body
    kp[1] += [1, 0, 3]
    return kp.astype(np.float32)


def test_centring_and_rotation():
    kp, frames = umurl_normalize(raw_sample())
    assert kp.shape == (2, frames, 25, 3) and kp.dtype == np.float32
    np.testing.assert_allclose(kp[0, :, 1], 0, atol=1e-6)
    shoulder = kp[0, 0, 8] - kp[0, 0, 4]
    assert shoulder[0] > 0
    np.testing.assert_allclose(shoulder[1:], 0, atol=1e-5)


def test_rotation_preserves_distances():
    raw = raw_sample(1)
    kp, _ = umurl_normalize(raw)
    # the two most active bodies are raw bodies 0 and 2; distances between
    # joints of a frame do not change under translation + rotation
    d_raw = np.linalg.norm(raw[0, 5, 3] - raw[2, 5, 7])
    d_new = np.linalg.norm(kp[0, 5, 3] - kp[1, 5, 7])
    assert d_new == pytest.approx(d_raw, rel=1e-4)


def test_most_active_bodies_first():
    kp = np.zeros((3, 10, 25, 3), np.float32)
    kp[0] = 1 + 0.01 * np.arange(10)[:, None, None]  # small motion
    kp[2] = 1 + 1.0 * np.arange(10)[:, None, None]  # large motion
    out = select_active_bodies(kp, 2)
    np.testing.assert_array_equal(out[0], kp[2])
    np.testing.assert_array_equal(out[1], kp[0])
    single = select_active_bodies(kp[:1], 2)
    assert single.shape[0] == 2 and not single[1].any()


def test_loop_pad_moves_and_repeats():
    kp = np.zeros((2, 8, 25, 3))
    kp[0, :6] = np.arange(1, 7)[:, None, None]  # body 0: 6 frames
    kp[1, 2:5] = np.arange(10, 13)[:, None, None]  # body 1 starts late
    out, frames = loop_pad(kp)
    assert frames == 8  # the source's frame count, as the official code
    np.testing.assert_array_equal(out[0, :, 0, 0], [1, 2, 3, 4, 5, 6, 1, 2])
    np.testing.assert_array_equal(out[1, :, 0, 0],
                                  [10, 11, 12, 10, 11, 12, 10, 11])


def test_absent_person_stays_zero_and_idempotent():
    raw = raw_sample(2)
    raw[1:] = 0
    kp, frames = umurl_normalize(raw)
    assert not kp[1].any()
    again, frames2 = umurl_normalize(kp)
    assert frames2 == frames
    np.testing.assert_allclose(again, kp, atol=1e-5)


def test_antiparallel_shoulders():
    rot = rotation_to_x(np.array([-2.0, 0, 0]))
    np.testing.assert_allclose(rot @ [-2.0, 0, 0], [2, 0, 0], atol=1e-12)


@pytest.mark.parametrize('bad,match', [
    (np.zeros((2, 0, 25, 3)), 'empty sequence'),
    (np.zeros((2, 5, 25)), r'shape \(M, T, V, 3\)'),
    (np.zeros((2, 5, 25, 3)), 'every frame is empty'),
    (np.ones((2, 5, 17, 3)), r'17 joints \(COCO-17\?\), 3D .* expects 25'),
    (np.ones((2, 5, 25, 2)), r'25 joints .*, 2D .* expects .*, 3D'),
])
def test_bad_input(bad, match):
    with pytest.raises(ValueError, match=match):
        umurl_normalize(bad, where='f.pkl: sample 3')


def test_nan_names_where():
    raw = raw_sample()
    raw[0, 4, 7, 1] = np.nan
    with pytest.raises(ValueError, match=r'f.pkl: sample 3.*\(0, 4, 7, 1\)'):
        umurl_normalize(raw, where='f.pkl: sample 3')


def test_normalize_tool_names_bad_inputs(tmp_path):
    import mmengine

    from tests.utils import run_tool
    garbage = tmp_path / 'garbage.pkl'
    garbage.write_bytes(b'\x00 not a pickle')
    proc = run_tool('tools/data/normalize_pose_pkl.py', str(garbage),
                    str(tmp_path / 'out.pkl'))
    assert proc.returncode != 0
    assert 'garbage.pkl: cannot read as a PoseDataset .pkl' in proc.stderr
    coco = tmp_path / 'coco.pkl'
    mmengine.dump(dict(annotations=[dict(frame_dir='v1', label=0,
                                         keypoint=np.ones((1, 5, 17, 3)))]),
                  str(coco))
    proc = run_tool('tools/data/normalize_pose_pkl.py', str(coco),
                    str(tmp_path / 'out.pkl'))
    assert proc.returncode != 0 and not (tmp_path / 'out.pkl').exists()
    assert "coco.pkl: sample 0 ('v1'), field 'keypoint': the data has 17 " \
        'joints' in proc.stderr
