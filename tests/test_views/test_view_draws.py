import numpy as np
import pytest
import torch

from umurl_mm.models.data_preprocessors.view_preprocessor import pad_clips
from umurl_mm.views.view_draws import draw_view_params, split_packed


def test_draws_are_the_same_from_numpy_and_torch_inputs():
    frames = np.array([30, 64, 200, 301])
    seeds = np.array([0, 1, 2**32 - 1, 7])
    a = draw_view_params(frames, 4, 17, 3, seeds, num_coords=2,
                         corrupt_joints=10)
    b = draw_view_params(torch.from_numpy(frames), 4, 17, 3,
                         torch.from_numpy(seeds), num_coords=2,
                         corrupt_joints=10, device='meta')
    for key, value in a.items():
        assert b[key].device.type == 'meta' and value.device.type == 'cpu'
        assert value.dtype == b[key].dtype
    assert a['mix'].shape == (4, 4, 3, 3)
    # the score channel passes through mixing and shear
    for key in ('mix', 'shear'):
        np.testing.assert_array_equal(a[key][..., 2, :2], 0)
        np.testing.assert_array_equal(a[key][..., :2, 2], 0)
        np.testing.assert_array_equal(a[key][..., 2, 2], 1)
    # a sample's draws do not depend on the others in its batch
    one = draw_view_params(frames[2:3], 4, 17, 3, seeds[2:3], num_coords=2,
                           corrupt_joints=10)
    for key, value in one.items():
        torch.testing.assert_close(value[0], a[key][2], rtol=0, atol=0)


def test_pad_clips_zero_pads_in_time():
    clips = [torch.rand(1, 2, t, 25, 3) + 1 for t in (5, 9, 7)]
    out = pad_clips(clips)
    assert out.shape == (3, 2, 9, 25, 3)
    for i, clip in enumerate(clips):
        t = clip.shape[2]
        assert torch.equal(out[i, :, :t], clip[0])
        assert not out[i, :, t:].any()
    stacked = torch.rand(2, 1, 2, 6, 25, 3)
    assert torch.equal(pad_clips(stacked), stacked[:, 0])
    with pytest.raises(ValueError, match='one clip per sample'):
        pad_clips([torch.rand(1, 2, 5, 25, 3), torch.rand(1, 2, 5, 17, 3)])


def test_packed_parameters_split_back_exactly():
    frames, seeds = np.array([30, 64, 200]), np.array([1, 2, 2**32 - 1])
    params = draw_view_params(frames, 4, 25, 3, seeds)
    flat = torch.from_numpy(np.concatenate(
        [v.numpy().reshape(3, -1) for v in params.values()], 1,
        dtype=np.float64))
    split = split_packed(flat, params)
    assert list(split) == list(params)
    for key, value in params.items():
        assert split[key].dtype == value.dtype
        assert torch.equal(split[key], value), key


@pytest.mark.parametrize('joints,corrupted', [(25, 15), (20, 12), (17, 10),
                                              (18, 11), (4, 2)])
def test_corrupted_joints_follow_the_layout_unless_set(joints, corrupted):
    """The official 15 of NTU's 25, as a fraction of any joint count."""
    frames, seeds = np.full(64, 100), np.arange(64)
    p = draw_view_params(frames, 2, joints, 3, seeds)
    assert p['joints'].sum(-1).eq(corrupted).all()
    p = draw_view_params(frames, 2, joints, 3, seeds, corrupt_joints=1)
    assert p['joints'].sum(-1).eq(1).all()
