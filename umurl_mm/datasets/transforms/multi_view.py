from typing import Dict, Optional, Sequence

import numpy as np
import torch
from mmaction.registry import TRANSFORMS
from mmcv.transforms import BaseTransform

from ...models.utils.modalities import view_modalities
from ...views import seeded_views, view_settings


@TRANSFORMS.register_module()
class MultiView(BaseTransform):
    """Make UmURL's pre-training views of one sample in the data worker.

    The per-sample placement of :class:`UmURLViewPreprocessor`'s views,
    with the same code (:func:`seeded_views`): the random parameters of
    every view are drawn from the sample's ``aug_seed`` (set by
    ``UmURLPoseDataset`` under :class:`SeededSampler`) and applied to this
    one sample, so a sample gets the views the device-side path gives it,
    to the bit. Without ``aug_seed`` the seed
    is drawn from NumPy's global RNG. Views are a random temporal crop
    resized to ``clip_len`` frames, then joint corruption or shear; the
    ``keypoint`` ``(1, M, T, V, C)`` of MMAction2's ``FormatGCNInput``
    becomes ``(num_views, M, clip_len, V, C)``.

    Required Keys:

        - keypoint
        - total_frames

    Modified Keys:

        - keypoint

    Added Keys:

        - num_views

    Args:
        modalities (Sequence[str], optional): UmURL's modalities; the
            number of views derives from them (one per modality, one
            fused), as in the model. Give this or ``num_views``.
        num_views (int, optional): Number of views, for other uses.
        **views: The view settings (:func:`view_settings`: ``clip_len``,
            ``min_ratio``, ``max_ratio``, ``corrupt_prob``,
            ``corrupt_joints``, ``zero_prob``, ``shear``, ``num_coords``),
            the model's data preprocessor's.
    """

    def __init__(self,
                 modalities: Optional[Sequence[str]] = None,
                 num_views: Optional[int] = None,
                 **views) -> None:
        if (modalities is None) == (num_views is None):
            raise ValueError('give MultiView either modalities or num_views')
        if modalities is not None:
            num_views = len(view_modalities(modalities))
        if num_views < 1:
            raise ValueError(f'num_views must be >= 1, got {num_views}')
        self.num_views = num_views
        self.view_cfg = view_settings(**views)

    def transform(self, results: Dict) -> Dict:
        """Replace ``keypoint`` by the sample's views.

        Args:
            results (dict): The result dict.

        Returns:
            dict: The result dict whose ``keypoint`` holds all views.
        """
        keypoint = results['keypoint']
        if keypoint.ndim != 5 or keypoint.shape[0] != 1:
            raise ValueError(
                f"sample '{results.get('frame_dir', '?')}': MultiView needs "
                "'keypoint' of shape (1, M, T, V, C) (put FormatGCNInput "
                f'before it), got {keypoint.shape}')
        seed = results.get('aug_seed')
        if seed is None:
            seed = np.random.randint(2**32, dtype=np.int64)
        clip = torch.from_numpy(np.ascontiguousarray(keypoint, np.float32))
        frames = min(int(results['total_frames']), clip.shape[2])
        views = seeded_views(clip, np.array([frames]),
                             np.array([seed], np.int64), self.num_views,
                             **self.view_cfg)
        results['keypoint'] = views[0].numpy()
        results['num_views'] = self.num_views
        return results

    def __repr__(self) -> str:
        args = ', '.join(f'{k}={v}' for k, v in self.view_cfg.items())
        return (f'{self.__class__.__name__}(num_views={self.num_views}, '
                f'{args})')
