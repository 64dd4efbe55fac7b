from typing import Dict, Optional

import numpy as np
from mmaction.registry import TRANSFORMS
from mmcv.transforms import BaseTransform


def coords_of(keypoint: np.ndarray, coords: Optional[int]) -> int:
    """The number of leading coordinate channels an augmentation acts on
    (``None``: all of them)."""
    channels = keypoint.shape[-1]
    if coords is None:
        return channels
    if not 1 <= coords <= channels:
        raise ValueError(f'coords={coords} but the keypoints have '
                         f'{channels} channels')
    return coords


@TRANSFORMS.register_module()
class JointCorruption(BaseTransform):
    """Corrupt a random subset of joints.

    ``num_joints`` joints are drawn without replacement (the same for all
    frames and persons). With probability ``zero_prob`` they are set to
    zero; otherwise their coordinate row vectors are multiplied by one
    random ``C x C`` matrix with entries ``U(-1, 1)``, ``C`` the first
    ``coords`` channels (a keypoint-score channel after them is kept when
    mixing and zeroed with the joint).

    Required Keys:

        - keypoint

    Modified Keys:

        - keypoint

    Args:
        num_joints (int): Number of joints to corrupt. Defaults to 15.
        zero_prob (float): Probability of zeroing instead of mixing.
            Defaults to 0.5.
        coords (int, optional): Leading channels that are coordinates.
            Defaults to all.
    """

    def __init__(self,
                 num_joints: int = 15,
                 zero_prob: float = 0.5,
                 coords: Optional[int] = None) -> None:
        self.num_joints = num_joints
        self.zero_prob = zero_prob
        self.coords = coords

    def transform(self, results: Dict) -> Dict:
        """Corrupt joints of ``results['keypoint']``.

        Args:
            results (dict): The result dict.

        Returns:
            dict: The result dict with corrupted keypoints.
        """
        keypoint = results['keypoint'].copy()
        num_total = keypoint.shape[-2]
        c = coords_of(keypoint, self.coords)
        if self.num_joints > num_total:
            raise ValueError(f'cannot corrupt {self.num_joints} of '
                             f'{num_total} joints')
        joints = np.random.choice(num_total, self.num_joints, replace=False)
        if np.random.rand() < self.zero_prob:
            keypoint[..., joints, :] = 0
        else:
            mix = np.random.uniform(-1, 1, (c, c))
            keypoint[..., joints, :c] = keypoint[..., joints, :c] @ \
                mix.astype(keypoint.dtype)
        results['keypoint'] = keypoint
        return results

    def __repr__(self) -> str:
        return (f'{self.__class__.__name__}(num_joints={self.num_joints}, '
                f'zero_prob={self.zero_prob}, coords={self.coords})')
