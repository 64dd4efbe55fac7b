"""Device-side views of 2D keypoints with a score channel (coords=2) equal
the per-sample transforms under the same draws; the score channel is only
cropped, kept or zeroed."""
import numpy as np
import torch
from mmaction.registry import TRANSFORMS
from mmcv.transforms import Compose
from mmengine.config import Config

from tests.test_models.test_batched_views import ForcedDraws, clips
from tests.utils import REPO
from umurl_mm.models.utils.batched_views import (crop_resize,
                                                 draw_view_params, make_views)

CONFIG = (f'{REPO}/configs/umurl/'
          'umurl_1xb64-40e_synthetic-xsub-keypoint-2d.py')


class ForcedDraws2D(ForcedDraws):
    """Hands out the top-left coords x coords block of the drawn matrices
    (the transforms draw only that many)."""

    def uniform(self, low=0.0, high=1.0, size=None):
        if size is None:
            return float(self.p['ratio'])
        a = size[0]
        if self.p['corrupt']:
            return self.p['mix'][:a, :a].astype(np.float64)
        return self.p['shear'][:a, :a] - np.eye(a)


def test_forced_draws_equal_the_per_sample_transforms(monkeypatch):
    cfg = Config.fromfile(CONFIG)
    view = cfg.model.data_preprocessor
    assert (view.coords, view.corrupt_joints) == (2, 10)
    transforms = [
        dict(type='TemporalCropResize', clip_len=64, min_ratio=0.1),
        dict(type='mmcv.RandomChoice', prob=[0.5, 0.5], transforms=[
            [dict(type='JointCorruption', num_joints=10, coords=2)],
            [dict(type='RandomShear', magnitude=1.0, coords=2)]])
    ]
    per_sample = Compose([TRANSFORMS.build(t) for t in transforms])
    frames = [64, 65, 90, 150, 300, 70]
    x = clips(frames, V=17, C=3)
    params = draw_view_params(torch.tensor(frames), 4, 17, 3,
                              torch.arange(6) * 7919, corrupt_joints=10,
                              coords=2)
    views = make_views(torch.from_numpy(x), params).numpy()
    cropped = crop_resize(torch.from_numpy(x), params['start'],
                          params['length'], 64).numpy()
    score, src = views[..., 2], cropped[..., 2]
    assert np.all((score == src) | (score == 0))
    assert (score == 0).any() and (score == src).all(-1).any()
    kinds = set()
    for b, f in enumerate(frames):
        for k in range(4):
            forced = ForcedDraws2D(params, b, k)
            for name in ('uniform', 'randint', 'choice', 'rand'):
                monkeypatch.setattr(np.random, name, getattr(forced, name))
            out = per_sample(dict(keypoint=x[b:b + 1, :, :f].copy(),
                                  total_frames=f))['keypoint'][0]
            np.testing.assert_allclose(views[b, k], out, atol=1e-6, rtol=0)
            kinds.add((bool(forced.p['corrupt']), bool(forced.p['zero'])))
    assert len(kinds) >= 3
