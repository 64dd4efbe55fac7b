"""Device-side views of 2D keypoints with a score channel equal the
independent reference; the score channel is only cropped, kept or zeroed,
and the per-sample placement gives the same views."""
import numpy as np
import torch
from mmaction.registry import MODELS, TRANSFORMS
from mmaction.structures import ActionDataSample
from mmengine.config import Config

from tests.test_views.test_batched_views import (check_against_reference,
                                                 clips)
from tests.utils import REPO
from umurl_mm.views.batched_views import (crop_resize, draw_view_params,
                                          make_views)

CONFIG = (f'{REPO}/configs/umurl/'
          'umurl_1xb64-40e_synthetic-xsub-keypoint-2d.py')


def test_2d_views_equal_the_reference():
    frames = [64, 65, 90, 150, 300, 70]
    x = clips(frames, V=17, C=3)
    params = draw_view_params(torch.tensor(frames), 4, 17, 3,
                              torch.arange(6) * 7919, corrupt_joints=10,
                              num_coords=2)
    views = make_views(torch.from_numpy(x), params).numpy()
    cropped = crop_resize(torch.from_numpy(x), params['start'],
                          params['length'], 64).numpy()
    score, src = views[..., 2], cropped[..., 2]
    assert np.all((score == src) | (score == 0))
    assert (score == 0).any() and (score == src).all(-1).any()
    check_against_reference(x, frames, params, views)


def test_2d_config_views_shear_and_mix_only_x_and_y():
    cfg = Config.fromfile(CONFIG)
    model = MODELS.build(cfg.model)
    pre = model.data_preprocessor
    # the model gives its preprocessor the layout's coordinates
    assert pre.view_cfg['num_coords'] == 2
    assert pre.view_cfg['corrupt_joints'] == 10
    multi_view = TRANSFORMS.build(cfg.per_sample_view_pipeline[2])
    frames, seeds = [64, 150, 300], [1, 2, 3]
    x = clips(frames, V=17, C=3)
    samples = [ActionDataSample(metainfo=dict(total_frames=f, aug_seed=s))
               for f, s in zip(frames, seeds)]
    batch = pre(dict(inputs=[torch.from_numpy(c[None]) for c in x],
                     data_samples=samples), training=True)['inputs']
    for i, (f, s) in enumerate(zip(frames, seeds)):
        one = multi_view(dict(keypoint=x[i:i + 1, :, :f].copy(),
                              total_frames=f, aug_seed=s))['keypoint']
        assert np.array_equal(one, batch[i].numpy()), i
