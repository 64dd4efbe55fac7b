import copy
from typing import Dict, List, Optional, Sequence, Union

import numpy as np
from mmaction.registry import TRANSFORMS
from mmcv.transforms import BaseTransform, Compose

from ...models.utils.modalities import view_modalities


@TRANSFORMS.register_module()
class MultiView(BaseTransform):
    """Make independently augmented views of one sample.

    Each view runs ``transforms`` on its own copy of the results; the views'
    ``keypoint`` arrays, each ``(num_clips, M, T, V, C)`` as produced by
    MMAction2's ``FormatGCNInput``, are concatenated on the clip axis, so
    the model receives ``(num_views * num_clips, M, T, V, C)`` per sample.

    Required Keys:

        - keypoint (and what ``transforms`` require)

    Modified Keys:

        - keypoint

    Added Keys:

        - num_views

    Args:
        transforms (list[dict | callable]): Augmentations of one view.
        modalities (Sequence[str], optional): UmURL's modalities; the
            number of views derives from them (one per modality, one
            fused), as in the model. Give this or ``num_views``.
        num_views (int, optional): Number of views, for other uses.
    """

    def __init__(self,
                 transforms: List[Union[Dict, callable]],
                 modalities: Optional[Sequence[str]] = None,
                 num_views: Optional[int] = None) -> None:
        if (modalities is None) == (num_views is None):
            raise ValueError('give MultiView either modalities or num_views')
        if modalities is not None:
            num_views = len(view_modalities(modalities))
        if num_views < 1:
            raise ValueError(f'num_views must be >= 1, got {num_views}')
        self.pipeline = Compose(transforms)
        self.num_views = num_views

    def transform(self, results: Dict) -> Dict:
        """Build the views and stack their keypoints.

        Args:
            results (dict): The result dict.

        Returns:
            dict: The result dict whose ``keypoint`` holds all views.
        """
        if results['keypoint'].ndim != 5:
            raise ValueError(
                f"sample '{results.get('frame_dir', '?')}': MultiView needs "
                "'keypoint' of shape (num_clips, M, T, V, C) (put "
                'FormatGCNInput before it), got '
                f"{results['keypoint'].shape}")
        views = [
            self.pipeline(copy.copy(results))['keypoint']
            for _ in range(self.num_views)
        ]
        results['keypoint'] = np.concatenate(views, axis=0)
        results['num_views'] = self.num_views
        return results

    def __repr__(self) -> str:
        return (f'{self.__class__.__name__}(num_views={self.num_views}, '
                f'transforms={self.pipeline})')
