"""Device-side views equal the per-sample transforms under the same draws."""
import numpy as np
import pytest
import torch
from mmaction.registry import MODELS, TRANSFORMS
from mmcv.transforms import Compose
from mmengine.config import Config

from tests.utils import REPO
from umurl_mm.models.utils.batched_views import draw_view_params, make_views

PRETRAIN = f'{REPO}/configs/_base_/models/umurl.py'


class ForcedDraws:
    """Stands in for np.random inside the per-sample transforms and returns
    the parameters drawn for view (b, k)."""

    def __init__(self, params, b, k):
        self.p = {key: v[b, k].cpu().numpy() for key, v in params.items()}

    def uniform(self, low=0.0, high=1.0, size=None):
        if size is None:  # TemporalCropResize's ratio
            return float(self.p['ratio'])
        if self.p['corrupt']:  # JointCorruption's mixing matrix
            return self.p['mix'].astype(np.float64)
        return self.p['shear'] - np.eye(len(self.p['shear']))  # RandomShear

    def randint(self, low, high=None, size=None):
        return int(self.p['start'])

    def choice(self, a, size=None, replace=True, p=None):
        if p is not None:  # mmcv RandomChoice: 0 = corruption, 1 = shear
            return 0 if self.p['corrupt'] else 1
        return np.flatnonzero(self.p['joints'])  # the corrupted joints

    def rand(self):
        return 0.0 if self.p['zero'] else 0.999


def clips(frames, M=2, V=25, C=3, seed=0):
    rng = np.random.default_rng(seed)
    out = np.zeros((len(frames), M, max(frames), V, C), np.float32)
    for i, f in enumerate(frames):
        out[i, :, :f] = rng.normal(size=(M, f, V, C))
    return out


def test_forced_draws_equal_the_per_sample_transforms(monkeypatch):
    cfg = Config.fromfile(PRETRAIN)
    per_sample = Compose([TRANSFORMS.build(t) for t in cfg.view_pipeline])
    frames = [64, 65, 90, 150, 300, 70]
    x = clips(frames)
    params = draw_view_params(torch.tensor(frames), 4, 25, 3,
                              torch.arange(6) * 7919)
    views = make_views(torch.from_numpy(x), params).numpy()
    assert views.shape == (6, 4, 2, 64, 25, 3)
    kinds = set()
    for b, f in enumerate(frames):
        for k in range(4):
            forced = ForcedDraws(params, b, k)
            for name in ('uniform', 'randint', 'choice', 'rand'):
                monkeypatch.setattr(np.random, name, getattr(forced, name))
            out = per_sample(dict(keypoint=x[b:b + 1, :, :f].copy(),
                                  total_frames=f))['keypoint'][0]
            np.testing.assert_allclose(views[b, k], out, atol=1e-6, rtol=0)
            kinds.add((bool(forced.p['corrupt']), bool(forced.p['zero'])))
    assert len(kinds) >= 3  # shear, zeroing and mixing all exercised


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
