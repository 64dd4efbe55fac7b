import numpy as np
import pytest
import torch
import torch.nn.functional as F

from umurl_mm.datasets.transforms import TemporalCropResize, resize_linear


@pytest.mark.parametrize('size,length', [(10, 64), (200, 64), (64, 64),
                                         (1, 64), (7, 3)])
def test_resize_matches_torch(size, length):
    x = np.random.default_rng(0).normal(size=(2, size, 25, 3))
    ours = resize_linear(x, length, axis=1)
    ref = F.interpolate(
        torch.from_numpy(x).permute(0, 2, 3, 1).reshape(-1, 1, size),
        size=length, mode='linear', align_corners=False)
    ref = ref.reshape(2, 25, 3, length).permute(0, 3, 1, 2).numpy()
    np.testing.assert_allclose(ours, ref, rtol=1e-5, atol=1e-6)


def sample(frames=100, padded=120):
    kp = np.zeros((2, padded, 25, 3), np.float32)
    kp[:, :frames] = np.arange(frames)[None, :, None, None]
    return dict(keypoint=kp, total_frames=frames)


def test_crop_stays_in_valid_frames_and_respects_length():
    t = TemporalCropResize(clip_len=64)
    for seed in range(50):
        np.random.seed(seed)
        out = t(sample())['keypoint']
        assert out.shape == (2, 64, 25, 3)
        # values are frame indices: the crop spans >= 64 frames, < 100
        lo, hi = out[0, 0, 0, 0], out[0, -1, 0, 0]
        assert lo >= 0 and hi <= 99
        assert hi - lo >= 64 * (63 / 64) - 1 - 1e-4


def test_crop_length_rule(monkeypatch):
    t = TemporalCropResize(clip_len=64)
    monkeypatch.setattr(np.random, 'uniform', lambda a, b: 0.9)
    monkeypatch.setattr(np.random, 'rand', lambda: 0.9999)
    out = t(sample(200, 200))['keypoint']  # L = 180, start = 20
    expect = resize_linear(
        np.arange(20, 200, dtype=np.float32)[:, None], 64, axis=0)[:, 0]
    np.testing.assert_allclose(out[0, :, 0, 0], expect, rtol=1e-6)


def test_short_sequence_and_test_mode():
    out = TemporalCropResize(clip_len=64)(sample(10, 10))['keypoint']
    assert out.shape[1] == 64 and out.max() == 9
    test = TemporalCropResize(clip_len=64, test_mode=True)
    out = test(sample(100, 300))['keypoint']
    np.testing.assert_allclose(
        out[0, :, 0, 0],
        resize_linear(np.arange(100.0)[:, None], 64, 0)[:, 0], rtol=1e-6)
    clips = test(dict(keypoint=np.ones((1, 2, 30, 25, 3)),
                      total_frames=30))['keypoint']
    assert clips.shape == (1, 2, 64, 25, 3)


def test_empty_sequence_errors():
    with pytest.raises(ValueError, match="'x'.*total_frames"):
        TemporalCropResize()(dict(
            keypoint=np.zeros((2, 5, 25, 3)), total_frames=0,
            frame_dir='x'))
    assert 'clip_len=64' in repr(TemporalCropResize())
