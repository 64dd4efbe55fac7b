"""2D normalisation (normalize_2d / UmURLPreNormalize2D) against a
frame-by-frame reference written from its definition."""
import numpy as np
import pytest

from umurl_mm.datasets import UmURLPreNormalize2D, normalize_2d
from umurl_mm.datasets.layout import get_layout

H, W = 480, 640


def reference(kp, img_shape, layout='coco'):
    """Person 0 kept (one body), per-frame centre = mean of the detected
    centre joints (else the image centre), one scale max(H, W) / 2."""
    centre_joints = get_layout(layout).center
    out = np.zeros_like(kp, dtype=np.float64)
    for t in range(kp.shape[1]):
        joints = [kp[0, t, j] for j in centre_joints if kp[0, t, j].any()]
        c = np.mean(joints, 0) if joints else np.array(
            [img_shape[1] / 2, img_shape[0] / 2])
        for m in range(kp.shape[0]):
            for v in range(kp.shape[2]):
                if kp[m, t, v].any():
                    out[m, t, v] = (kp[m, t, v] - c) / (max(img_shape) / 2)
    return out


def sample(seed=0, M=2, T=9):
    rng = np.random.default_rng(seed)
    kp = rng.uniform(50, 450, (M, T, 17, 2))
    score = rng.uniform(0, 1, (M, T, 17))
    kp[0, 3, 11] = 0  # one centre joint missed
    kp[0, 4, [5, 6, 11, 12]] = 0  # no centre joint at all
    kp[1, :, 2] = 0  # an undetected joint
    return kp, score


def test_matches_the_frame_by_frame_reference():
    kp, score = sample()
    kp[1] = kp[0] + np.where(kp[0] != 0, 1.0, 0)  # person 1 ~ person 0
    kp[1] *= 0  # ... then absent: person 0 is the most active
    xy, sc, frames = normalize_2d(kp, score, (H, W), num_person=2)
    assert frames == 9 and xy.shape == (2, 9, 17, 2)
    np.testing.assert_allclose(xy, reference(kp, (H, W)), atol=1e-6)
    np.testing.assert_allclose(sc[0], score[0] * kp[0].any(-1), atol=1e-7)
    assert not xy[1].any() and not sc[1].any()


def test_most_active_person_first_with_its_scores():
    kp, score = sample(1)
    kp[1] = kp[1] * 3 - 500  # person 1 moves more
    xy, sc, _ = normalize_2d(kp, score, (H, W), num_person=1)
    np.testing.assert_allclose(sc[0], score[1] * kp[1].any(-1), atol=1e-7)
    np.testing.assert_allclose(xy, reference(kp[1:], (H, W)), atol=1e-6)


def test_transform_feeds_scores_as_a_channel_or_drops_them():
    kp, score = sample()
    results = dict(keypoint=kp.astype(np.float32), frame_dir='v',
                   keypoint_score=score.astype(np.float32), img_shape=(H, W))
    out = UmURLPreNormalize2D()(dict(results))
    assert out['keypoint'].shape == (2, 9, 17, 2)
    assert out['keypoint_score'].shape == (2, 9, 17)
    out = UmURLPreNormalize2D(with_score=False)(dict(results))
    assert 'keypoint_score' not in out
    assert 'with_score=False' in repr(UmURLPreNormalize2D(with_score=False))


@pytest.mark.parametrize('drop,match', [
    ('img_shape', "no 'img_shape'"),
    ('keypoint_score', "no 'keypoint_score'"),
])
def test_transform_names_missing_fields(drop, match):
    kp, score = sample()
    results = dict(keypoint=kp, keypoint_score=score, img_shape=(H, W),
                   frame_dir='clip7')
    results.pop(drop)
    with pytest.raises(ValueError, match=f"sample 'clip7': {match}"):
        UmURLPreNormalize2D()(results)


def test_bad_shapes_are_named():
    kp, score = sample()
    with pytest.raises(ValueError, match="field 'keypoint_score'"):
        normalize_2d(kp, score[:, :3], (H, W), where='v')
    with pytest.raises(ValueError, match="field 'img_shape'"):
        normalize_2d(kp, score, (0, W), where='v')
    with pytest.raises(ValueError, match='2D layouts'):
        normalize_2d(kp, score, (H, W), layout='nturgb+d')
    with pytest.raises(ValueError, match="the config's 'coco' layout"):
        normalize_2d(kp[..., :1], None, (H, W))


def test_non_finite_scores_are_named():
    kp, score = sample()
    score = score.copy()
    score[0, 1, 2] = np.nan
    with pytest.raises(ValueError,
                       match="v, field 'keypoint_score': non-finite"):
        normalize_2d(kp, score, (H, W), where='v')
