import numpy as np
import pytest
from mmaction.registry import TRANSFORMS

from umurl_mm.datasets.transforms import MultiView, UmURLPreNormalize


def test_multi_view_from_config():
    t = TRANSFORMS.build(dict(type='MultiView', num_views=4, clip_len=64))
    assert isinstance(t, MultiView)
    kp = np.random.default_rng(0).normal(size=(1, 2, 90, 25, 3))
    out = t(dict(keypoint=kp, total_frames=90, aug_seed=7))
    assert out['keypoint'].shape == (4, 2, 64, 25, 3)
    assert out['num_views'] == 4
    views = out['keypoint']
    assert all(not np.allclose(views[i], views[j])
               for i in range(4) for j in range(i))
    # the views are a function of the sample's seed
    again = t(dict(keypoint=kp, total_frames=90, aug_seed=7))['keypoint']
    assert np.array_equal(views, again)
    other = t(dict(keypoint=kp, total_frames=90, aug_seed=8))['keypoint']
    assert not np.allclose(views, other)
    assert 'num_views=4' in repr(t) and 'corrupt_joints=None' in repr(t)
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
                                  clip_len=8))
        kp = np.ones((1, 2, 8, 25, 3))
        out = t(dict(keypoint=kp, total_frames=8))['keypoint']
        assert out.shape[0] == views
    with pytest.raises(ValueError, match='either modalities or num_views'):
        TRANSFORMS.build(dict(type='MultiView'))
