"""MAMP's views: the crop-resize rule (train and test) and the rotation."""
import numpy as np
import pytest
import torch
import torch.nn.functional as F

from umurl_mm.datasets.transforms import (RandomRotation3D,
                                          TemporalCropResize, rotation_matrix)


def sample(frames=100, total=None):
    kp = np.random.default_rng(0).normal(size=(1, 2, frames, 25, 3))
    return dict(keypoint=kp.astype(np.float32),
                total_frames=frames if total is None else total)


@pytest.mark.parametrize('valid', [30, 64, 81, 300])
def test_test_view_is_the_centre_95_percent_resized(valid):
    """bias = int(0.05 valid / 2); frames [bias, valid - bias) resized to
    120 with F.interpolate(linear, align_corners=False)."""
    s = sample(valid)
    x = s['keypoint'].copy()
    out = TemporalCropResize(120, test_ratio=0.95, test_mode=True)(s)
    bias = int((1 - 0.95) * valid / 2)
    crop = torch.from_numpy(x[0, :, bias:valid - bias])  # (M, L, V, C)
    expected = F.interpolate(crop.permute(0, 2, 3, 1).reshape(1, -1,
                                                              crop.shape[1]),
                             size=120, mode='linear', align_corners=False)
    expected = expected.reshape(2, 25, 3, 120).permute(0, 3, 1, 2)
    # torch computes the source positions in float32 (error up to a few
    # valid * 2^-24 frames), this transform in float64: differences up to
    # that times the largest frame-to-frame step
    step = np.abs(np.diff(x[0], axis=1)).max()
    np.testing.assert_allclose(out['keypoint'][0], expected.numpy(),
                               rtol=0, atol=4 * valid * 2**-24 * step + 1e-6)


def test_train_crop_lengths_follow_the_rule():
    """len = min(max(floor(valid p), 64), valid), p ~ U[0.5, 1), start
    uniform in [0, valid - len]: read back from a resize of frame numbers
    to more than twice as many frames as any crop (so the first output is
    the first frame of the crop and the last its last)."""
    np.random.seed(0)
    t = TemporalCropResize(400, min_ratio=0.5, max_ratio=1.0, min_len=64)
    for valid in (40, 100, 200):
        starts = set()
        for _ in range(30):
            s = sample(valid)
            s['keypoint'][:] = np.arange(valid)[None, None, :, None, None]
            out = t(s)['keypoint'][0, 0, :, 0, 0].astype(np.float64)
            # float32 output: frame numbers < 200 to within 1e-4
            start, length = out[0], out[-1] - out[0] + 1
            assert abs(start - round(start)) < 1e-4
            assert abs(length - round(length)) < 1e-4
            start, length = round(start), round(length)
            assert max(min(64, valid), valid // 2) <= length <= valid
            assert start + length <= valid
            starts.add(start)
        assert len(starts) > 1 or valid <= 64
    assert 'min_len=64' in repr(t) and 'test_ratio=1.0' in repr(t)


def test_rotation_is_the_spec_matrix_and_keeps_absent_persons_zero():
    a = np.array([0.1, -0.2, 0.25])
    (cx, cy, cz), (sx, sy, sz) = np.cos(a), np.sin(a)
    rx = np.array([[1, 0, 0], [0, cx, sx], [0, -sx, cx]])
    ry = np.array([[cy, 0, -sy], [0, 1, 0], [sy, 0, cy]])
    rz = np.array([[cz, sz, 0], [-sz, cz, 0], [0, 0, 1]])
    R = rotation_matrix(a)
    np.testing.assert_allclose(R, rz @ ry @ rx, atol=1e-15)
    np.testing.assert_allclose(R @ R.T, np.eye(3), atol=1e-12)
    s = sample(50)
    s['keypoint'][0, 1] = 0
    x = s['keypoint'].copy()
    np.random.seed(3)
    out = RandomRotation3D(0.3)(s)['keypoint']
    assert not out[0, 1].any()
    np.random.seed(3)
    angles = np.random.uniform(-0.3, 0.3, 3)
    np.testing.assert_allclose(out, x @ rotation_matrix(angles).T.astype(
        np.float32), rtol=1e-5, atol=1e-6)
    assert repr(RandomRotation3D(0.3)) == 'RandomRotation3D(max_angle=0.3)'
    with pytest.raises(ValueError, match='rotates 3D'):
        RandomRotation3D()(dict(keypoint=np.zeros((1, 2, 5, 17, 2))))
