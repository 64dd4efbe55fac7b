from typing import Dict

import numpy as np
from mmaction.registry import TRANSFORMS
from mmcv.transforms import BaseTransform


@TRANSFORMS.register_module()
class RandomShear(BaseTransform):
    """Shear every 3D point by one random matrix per sample.

    ``S = [[1, a, b], [c, 1, d], [e, f, 1]]`` with off-diagonal entries
    ``U(-magnitude, magnitude)``; each point ``x`` becomes ``S @ x``.

    Required Keys:

        - keypoint

    Modified Keys:

        - keypoint

    Args:
        magnitude (float): Bound of the off-diagonal entries. Defaults to 1.
    """

    def __init__(self, magnitude: float = 1.0) -> None:
        self.magnitude = magnitude

    def transform(self, results: Dict) -> Dict:
        """Shear ``results['keypoint']``.

        Args:
            results (dict): The result dict.

        Returns:
            dict: The result dict with sheared keypoints.
        """
        keypoint = results['keypoint']
        channels = keypoint.shape[-1]
        shear = np.eye(channels) + np.random.uniform(
            -self.magnitude, self.magnitude,
            (channels, channels)) * (1 - np.eye(channels))
        results['keypoint'] = keypoint @ shear.T.astype(keypoint.dtype)
        return results

    def __repr__(self) -> str:
        return f'{self.__class__.__name__}(magnitude={self.magnitude})'
