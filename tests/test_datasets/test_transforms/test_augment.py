import numpy as np
import pytest
from mmaction.registry import TRANSFORMS

from umurl_mm.datasets.transforms import (JointCorruption, MultiView,
                                          RandomShear, UmURLPreNormalize)


def keypoint(seed=0):
    return np.random.default_rng(seed).normal(
        size=(1, 2, 64, 25, 3)).astype(np.float32)


@pytest.mark.parametrize('zero', [True, False])
def test_joint_corruption(zero):
    kp = keypoint()
    np.random.seed(3)
    out = JointCorruption(num_joints=15, zero_prob=1.0 if zero else 0.0)(
        dict(keypoint=kp))['keypoint']
    changed = np.any(out != kp, axis=(0, 1, 2, 4))
    assert changed.sum() == 15
    if zero:
        assert not out[..., changed, :].any()
    else:
        # the same matrix multiplies every corrupted joint's row vector
        a, b = kp[..., changed, :].reshape(-1, 3), out[..., changed, :]
        mix = np.linalg.lstsq(a, b.reshape(-1, 3), rcond=None)[0]
        np.testing.assert_allclose(a @ mix, b.reshape(-1, 3), atol=1e-4)
        assert np.abs(mix).max() <= 1
    np.testing.assert_array_equal(out[..., ~changed, :], kp[..., ~changed, :])
    assert np.all(kp == keypoint())  # input untouched


def test_shear():
    kp = keypoint()
    out = RandomShear(magnitude=1.0)(dict(keypoint=kp))['keypoint']
    shear = np.linalg.lstsq(
        kp.reshape(-1, 3), out.reshape(-1, 3), rcond=None)[0].T
    np.testing.assert_allclose(np.diag(shear), 1, atol=1e-4)
    off = shear[~np.eye(3, dtype=bool)]
    assert np.all(np.abs(off) <= 1) and np.abs(off).min() > 0


def test_multi_view_from_config():
    cfg = dict(
        type='MultiView',
        num_views=4,
        transforms=[
            dict(type='TemporalCropResize', clip_len=64),
            dict(
                type='mmcv.RandomChoice',
                transforms=[[dict(type='JointCorruption')],
                            [dict(type='RandomShear')]],
                prob=[0.5, 0.5])
        ])
    t = TRANSFORMS.build(cfg)
    assert isinstance(t, MultiView)
    kp = np.random.default_rng(0).normal(size=(1, 2, 90, 25, 3))
    out = t(dict(keypoint=kp, total_frames=90))
    assert out['keypoint'].shape == (4, 2, 64, 25, 3)
    views = out['keypoint']
    assert all(not np.allclose(views[i], views[j])
               for i in range(4) for j in range(i))
    assert 'num_views=4' in repr(t)
    with pytest.raises(ValueError, match='FormatGCNInput'):
        t(dict(keypoint=kp[0], total_frames=90))


def test_prenormalize_transform():
    kp = np.random.default_rng(0).normal(size=(1, 40, 25, 3)) + 2
    out = UmURLPreNormalize(num_person=2)(
        dict(keypoint=kp, total_frames=40, frame_dir='a'))
    assert out['keypoint'].shape == (2, 40, 25, 3)
    np.testing.assert_allclose(out['keypoint'][0, :, 1], 0, atol=1e-6)
    assert repr(UmURLPreNormalize()) == 'UmURLPreNormalize(num_person=2)'


def test_multi_view_count_derives_from_modalities():
    for mods, views in ((('joint', 'bone', 'motion'), 4), (('bone', ), 2)):
        t = TRANSFORMS.build(dict(type='MultiView', modalities=mods,
                                  transforms=[dict(type='RandomShear')]))
        kp = np.ones((1, 2, 8, 25, 3))
        assert t(dict(keypoint=kp))['keypoint'].shape[0] == views
    with pytest.raises(ValueError, match='either modalities or num_views'):
        TRANSFORMS.build(dict(type='MultiView', transforms=[]))
