"""Device-side views: equal to an independent reference, the same as the
per-sample placement (MultiView) to the bit, and unchanged."""
import numpy as np
import pytest
import torch
from mmaction.registry import MODELS, TRANSFORMS
from mmengine.config import Config

from tests.reference_views import reference_view
from tests.utils import REPO
from umurl_mm.views.batched_views import draw_view_params, make_views

PRETRAIN = (f'{REPO}/configs/umurl/'
            'umurl_1xb64-40e_synthetic-xsub-keypoint-3d.py')


def clips(frames, M=2, V=25, C=3, seed=0):
    rng = np.random.default_rng(seed)
    out = np.zeros((len(frames), M, max(frames), V, C), np.float32)
    for i, f in enumerate(frames):
        out[i, :, :f] = rng.normal(size=(M, f, V, C))
    return out


def check_against_reference(x, frames, params, views, clip_len=64):
    """Every view equals the NumPy reference for its drawn parameters."""
    kinds = set()
    for b, f in enumerate(frames):
        for k in range(views.shape[1]):
            p = {key: v[b, k].cpu().numpy() for key, v in params.items()}
            expect = reference_view(x[b, :, :f].astype(np.float64), p,
                                    clip_len)
            np.testing.assert_allclose(views[b, k], expect, atol=1e-5,
                                       rtol=0)
            kinds.add((bool(p['corrupt']), bool(p['zero'])))
    assert len(kinds) >= 3  # shear, zeroing and mixing all exercised


def test_views_equal_the_reference():
    frames = [64, 65, 90, 150, 300, 70]
    x = clips(frames)
    params = draw_view_params(torch.tensor(frames), 4, 25, 3,
                              torch.arange(6) * 7919)
    views = make_views(torch.from_numpy(x), params).numpy()
    assert views.shape == (6, 4, 2, 64, 25, 3)
    check_against_reference(x, frames, params, views)


def test_per_sample_views_are_the_device_views():
    """MultiView in a data worker gives each sample, to the bit, the views
    the preprocessor gives it in a batch (the same draws and code)."""
    from mmaction.structures import ActionDataSample
    cfg = Config.fromfile(PRETRAIN)
    multi_view = TRANSFORMS.build(cfg.per_sample_view_pipeline[1])
    pre = MODELS.build(dict(cfg.model.data_preprocessor, num_views=4))
    frames, seeds = [64, 150, 90, 300], [5, 6, 7, 2**32 - 1]
    x = clips(frames)
    samples = [ActionDataSample(metainfo=dict(total_frames=f, aug_seed=s))
               for f, s in zip(frames, seeds)]
    batch = pre(dict(inputs=[torch.from_numpy(c[None]) for c in x],
                     data_samples=samples), training=True)['inputs']
    for i, (f, s) in enumerate(zip(frames, seeds)):
        one = multi_view(dict(keypoint=x[i:i + 1, :, :f].copy(),
                              total_frames=f, aug_seed=s))['keypoint']
        assert one.shape == (4, 2, 64, 25, 3)
        assert np.array_equal(one, batch[i].numpy()), i


def test_draws_follow_the_spec_distributions():
    n = 20000
    frames = torch.full((n, ), 200)
    p = draw_view_params(frames, 1, 25, 3, torch.arange(n))
    length, start = p['length'][:, 0], p['start'][:, 0]
    ratio = p['ratio'][:, 0]
    assert 0.1 <= ratio.min() and ratio.max() <= 1.0
    assert torch.equal(length, torch.clamp(torch.floor(200 * ratio),
                                           min=64).long())
    assert (start >= 0).all() and (start + length <= 200).all()
    # start uniform in [0, F - L]: its mean relative position is 1/2
    rel = start[length < 200].double() / (200 - length[length < 200])
    assert abs(rel.mean().item() - 0.5) < 0.01
    assert p['joints'].sum(-1).eq(15).all()
    assert abs(p['joints'].double().mean(0).std().item()) < 0.01
    for key in ('corrupt', 'zero'):
        assert abs(p[key].double().mean().item() - 0.5) < 0.01
    off = p['shear'][:, 0][:, ~torch.eye(3, dtype=bool)]
    assert off.abs().max() <= 1 and abs(off.mean().item()) < 0.01
    assert abs(p['mix'].mean().item()) < 0.01


def test_preprocessor_seeds_views_from_the_samples():
    from mmaction.structures import ActionDataSample
    pre = MODELS.build(dict(type='UmURLViewPreprocessor', num_views=4,
                            clip_len=16))
    x = clips([20, 30, 25])

    def data(seeds):
        samples = [ActionDataSample(metainfo=dict(total_frames=f, aug_seed=s))
                   for f, s in zip([20, 30, 25], seeds)]
        return dict(inputs=[torch.from_numpy(c[None]) for c in x],
                    data_samples=samples)

    a = pre(data([1, 2, 3]), training=True)['inputs']
    assert a.shape == (3, 4, 2, 16, 25, 3)
    torch.testing.assert_close(pre(data([1, 2, 3]), True)['inputs'], a)
    other = pre(data([1, 2, 4]), True)['inputs']
    # a sample's views depend on its own seed only
    torch.testing.assert_close(other[:2], a[:2])
    assert not torch.allclose(other[2], a[2])
    # eval: the clips, stacked (zero-padded to the longest)
    assert pre(data([1, 2, 3]), False)['inputs'].shape == (3, 1, 2, 30, 25, 3)


def test_samples_without_seed_get_other_views_on_each_rank(monkeypatch):
    """Without SeededSampler the seeds come from torch's global RNG, which
    may agree across ranks: each rank takes its own row of a draw for all
    ranks; rank 0 of 1 draws what it always drew."""
    from mmaction.structures import ActionDataSample

    import umurl_mm.models.data_preprocessors.view_preprocessor as module
    samples = [ActionDataSample(metainfo=dict(total_frames=20))] * 3

    def seeds(rank, world):
        monkeypatch.setattr(module, 'get_dist_info', lambda: (rank, world))
        torch.manual_seed(0)
        return module.UmURLViewPreprocessor._meta(samples, 20)[1]

    torch.manual_seed(0)
    always = torch.randint(2**32, (3, )).numpy()
    np.testing.assert_array_equal(seeds(0, 1), always)
    rows = np.stack([seeds(r, 2) for r in range(2)])
    np.testing.assert_array_equal(rows[0], seeds(0, 1))
    assert not np.array_equal(rows[0], rows[1])


def test_pretrainer_sets_the_view_count():
    model = MODELS.build(dict(
        type='UmURLPretrainer',
        backbone=dict(type='UmURL', hidden_dim=16, num_frames=16,
                      modalities=('joint', 'motion')),
        projector=dict(type='UmURLProjector', in_channels=32,
                       hidden_channels=32, out_channels=24),
        data_preprocessor=dict(type='UmURLViewPreprocessor', clip_len=16)))
    assert model.data_preprocessor.num_views == 3
    with pytest.raises(ValueError, match='one clip per sample'):
        model.data_preprocessor(
            dict(inputs=torch.zeros(2, 3, 2, 16, 25, 3), data_samples=[
                None, None]), True)


def _digest(params: dict) -> str:
    """SHA-256 of every drawn parameter's bytes, in a fixed order."""
    import hashlib
    h = hashlib.sha256()
    for key in sorted(params):
        h.update(key.encode())
        h.update(np.ascontiguousarray(params[key].numpy()).tobytes())
    return h.hexdigest()


#: unit roundoff of float32
U32 = 2.0**-24


def check_views_to_rounding(x, frames, params, views, num_coords=3):
    """Every view equals the float64 reference to within what float32
    rounding explains, element by element.

    The device path computes an output element with at most 12 roundings
    (crop-resize: the weight's cast, ``b - a``, the product, the sum;
    the ``C x C`` product: 3 products, 2 sums; the 0/1 blend: a
    difference and a sum), each of relative size ``u = 2**-24`` on a
    quantity no larger than ``S = resample(|x|) @ (I + |mat|)``, the
    magnitudes every sum sees. So ``|view - reference| <= 12 u S`` to
    first order; the test allows ``16 u S`` (below 1e-5 on these clips,
    whose coordinates are N(0, 1)). A changed crop window, resampling,
    shear, corruption or axis moves elements by O(|x|), a million times
    that."""
    for b, f in enumerate(frames):
        clip = x[b, :, :f].astype(np.float64)
        for k in range(views.shape[1]):
            p = {key: v[b, k].numpy() for key, v in params.items()}
            expect = reference_view(clip, p, views.shape[-3])
            mat = p['mix'] if p['corrupt'] else p['shear'].T
            size = dict(p, corrupt=False,
                        shear=(np.eye(len(mat)) + np.abs(mat)).T)
            bound = reference_view(np.abs(clip), size, views.shape[-3])
            err = np.abs(views[b, k].numpy().astype(np.float64) - expect)
            assert (err <= 16 * U32 * bound).all(), (b, k, err.max())


def test_default_views_are_those_of_the_released_recipe():
    """Fixed clips and seeds (3D, and 2D with a score channel): the draws
    are pinned bitwise (integer hashing and exact float arithmetic in
    NumPy: the same bytes on every CPU), and the views made from them equal
    the independent float64 reference to float32 rounding (the view maths
    runs through kernels the CPU picks, so it is not pinned bitwise). A
    change of the draws or of their application fails here."""
    rng = np.random.default_rng(0)
    frames = [64, 65, 90, 150, 300, 70, 33, 128]
    x = np.zeros((8, 2, 300, 25, 3), np.float32)
    for i, f in enumerate(frames):
        x[i, :, :f] = rng.normal(size=(2, f, 25, 3))
    seeds = torch.arange(8) * 7919 + 11
    params = draw_view_params(torch.tensor(frames), 4, 25, 3, seeds)
    assert _digest(params) == (
        '1e887bdfe12875d5397ea09430a17f0e1e5b0d9533bf41d0954ceea261543f7d')
    check_views_to_rounding(x, frames, params,
                            make_views(torch.from_numpy(x), params))
    scores = rng.uniform(size=x[..., :1].shape).astype(np.float32)
    x2 = np.concatenate([x[..., :2], scores], -1)
    params = draw_view_params(torch.tensor(frames), 4, 25, 3, seeds,
                              corrupt_joints=10, num_coords=2)
    assert _digest(params) == (
        'b72be0c2080bb7dcb6dc4cea89a71cab231f878e2bce4552a4b5129187245065')
    check_views_to_rounding(x2, frames, params,
                            make_views(torch.from_numpy(x2), params))
