from typing import Dict

import numpy as np
from mmaction.registry import TRANSFORMS
from mmcv.transforms import BaseTransform


@TRANSFORMS.register_module()
class JointCorruption(BaseTransform):
    """Corrupt a random subset of joints.

    ``num_joints`` joints are drawn without replacement (the same for all
    frames and persons). With probability ``zero_prob`` they are set to
    zero; otherwise their coordinate row vectors are multiplied by one
    random ``C x C`` matrix with entries ``U(-1, 1)``.

    Required Keys:

        - keypoint

    Modified Keys:

        - keypoint

    Args:
        num_joints (int): Number of joints to corrupt. Defaults to 15.
        zero_prob (float): Probability of zeroing instead of mixing.
            Defaults to 0.5.
    """

    def __init__(self, num_joints: int = 15, zero_prob: float = 0.5) -> None:
        self.num_joints = num_joints
        self.zero_prob = zero_prob

    def transform(self, results: Dict) -> Dict:
        """Corrupt joints of ``results['keypoint']``.

        Args:
            results (dict): The result dict.

        Returns:
            dict: The result dict with corrupted keypoints.
        """
        keypoint = results['keypoint'].copy()
        num_total, channels = keypoint.shape[-2:]
        if self.num_joints > num_total:
            raise ValueError(f'cannot corrupt {self.num_joints} of '
                             f'{num_total} joints')
        joints = np.random.choice(num_total, self.num_joints, replace=False)
        if np.random.rand() < self.zero_prob:
            keypoint[..., joints, :] = 0
        else:
            mix = np.random.uniform(-1, 1, (channels, channels))
            keypoint[..., joints, :] = keypoint[..., joints, :] @ mix.astype(
                keypoint.dtype)
        results['keypoint'] = keypoint
        return results

    def __repr__(self) -> str:
        return (f'{self.__class__.__name__}(num_joints={self.num_joints}, '
                f'zero_prob={self.zero_prob})')
