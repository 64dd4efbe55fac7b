from typing import Dict

import numpy as np
from mmaction.registry import TRANSFORMS
from mmcv.transforms import BaseTransform


def rotation_matrix(angles: np.ndarray) -> np.ndarray:
    """MAMP's rotation ``R = Rz Ry Rx`` of angles ``(ax, ay, az)``, with
    ``Rx = [[1, 0, 0], [0, c, s], [0, -s, c]]``,
    ``Ry = [[c, 0, -s], [0, 1, 0], [s, 0, c]]``,
    ``Rz = [[c, s, 0], [-s, c, 0], [0, 0, 1]]``."""
    (cx, cy, cz), (sx, sy, sz) = np.cos(angles), np.sin(angles)
    rx = np.array([[1, 0, 0], [0, cx, sx], [0, -sx, cx]])
    ry = np.array([[cy, 0, -sy], [0, 1, 0], [sy, 0, cy]])
    rz = np.array([[cz, sz, 0], [-sz, cz, 0], [0, 0, 1]])
    return rz @ ry @ rx


@TRANSFORMS.register_module()
class RandomRotation3D(BaseTransform):
    """Rotate 3D joints by one random rotation per sample (MAMP's view).

    Angles about x, y and z are drawn from ``U(-max_angle, max_angle)``
    (radians); ``x' = R x`` (:func:`rotation_matrix`) for every joint,
    frame and person. Absent (all-zero) persons stay zero.

    Required Keys:

        - keypoint (``(..., V, 3)``)

    Modified Keys:

        - keypoint

    Args:
        max_angle (float): Largest angle about each axis. Defaults to 0.3.
    """

    def __init__(self, max_angle: float = 0.3) -> None:
        self.max_angle = max_angle

    def transform(self, results: Dict) -> Dict:
        """Rotate ``results['keypoint']``."""
        keypoint = results['keypoint']
        if keypoint.shape[-1] != 3:
            raise ValueError(
                f"sample '{results.get('frame_dir', '?')}': field "
                f"'keypoint' has {keypoint.shape[-1]} coordinates; "
                f'{type(self).__name__} rotates 3D joints')
        angles = np.random.uniform(-self.max_angle, self.max_angle, 3)
        R = rotation_matrix(angles).astype(keypoint.dtype)
        results['keypoint'] = keypoint @ R.T
        return results

    def __repr__(self) -> str:
        return f'{self.__class__.__name__}(max_angle={self.max_angle})'
