from typing import Dict, Optional

import numpy as np
from mmaction.registry import TRANSFORMS
from mmcv.transforms import BaseTransform

from .corruption import coords_of


@TRANSFORMS.register_module()
class RandomShear(BaseTransform):
    """Shear every point by one random matrix per sample.

    ``S = [[1, a, b], [c, 1, d], [e, f, 1]]`` (3D; ``[[1, a], [b, 1]]`` in
    2D) with off-diagonal entries ``U(-magnitude, magnitude)``; each point
    ``x`` becomes ``S @ x``. Only the first ``coords`` channels are points:
    a keypoint-score channel after them is left as it is.

    Required Keys:

        - keypoint

    Modified Keys:

        - keypoint

    Args:
        magnitude (float): Bound of the off-diagonal entries. Defaults to 1.
        coords (int, optional): Leading channels that are coordinates.
            Defaults to all.
    """

    def __init__(self,
                 magnitude: float = 1.0,
                 coords: Optional[int] = None) -> None:
        self.magnitude = magnitude
        self.coords = coords

    def transform(self, results: Dict) -> Dict:
        """Shear ``results['keypoint']``.

        Args:
            results (dict): The result dict.

        Returns:
            dict: The result dict with sheared keypoints.
        """
        keypoint = results['keypoint']
        c = coords_of(keypoint, self.coords)
        shear = np.eye(c) + np.random.uniform(
            -self.magnitude, self.magnitude, (c, c)) * (1 - np.eye(c))
        keypoint = keypoint.copy()
        keypoint[..., :c] = keypoint[..., :c] @ shear.T.astype(keypoint.dtype)
        results['keypoint'] = keypoint
        return results

    def __repr__(self) -> str:
        return (f'{self.__class__.__name__}(magnitude={self.magnitude}, '
                f'coords={self.coords})')
