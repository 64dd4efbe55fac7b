from typing import Dict, Optional

import numpy as np
from mmaction.registry import TRANSFORMS
from mmcv.transforms import BaseTransform

from ...views import crop_window


def resize_linear(x: np.ndarray, length: int, axis: int) -> np.ndarray:
    """Resample ``x`` along ``axis`` to ``length`` samples.

    Linear interpolation with the semantics of
    ``torch.nn.functional.interpolate(mode='linear', align_corners=False)``.

    Args:
        x (np.ndarray): Input array.
        length (int): Output length along ``axis``.
        axis (int): Axis to resample.

    Returns:
        np.ndarray: The resampled array (float32).
    """
    size = x.shape[axis]
    pos = (np.arange(length) + 0.5) * (size / length) - 0.5
    pos = np.clip(pos, 0, None)
    lo = np.minimum(pos.astype(np.int64), size - 1)
    hi = np.minimum(lo + 1, size - 1)
    w = (pos - lo).astype(np.float32)
    shape = [1] * x.ndim
    shape[axis] = length
    w = w.reshape(shape)
    a = np.take(x, lo, axis=axis)
    b = np.take(x, hi, axis=axis)
    return (a * (1 - w) + b * w).astype(np.float32)


@TRANSFORMS.register_module()
class TemporalCropResize(BaseTransform):
    """Crop a random temporal segment and resize it to a fixed length.

    With ``F`` valid frames, a ratio ``r ~ U[min_ratio, max_ratio]`` gives
    the crop length ``L = min(max(floor(F * r), min_len), F)``, a start
    drawn uniformly from ``[0, F - L]`` (:func:`crop_window`, the rule of
    the pre-training views); the crop is then linearly resampled
    to ``clip_len`` frames. In test mode the centre ``test_ratio`` of the
    valid sequence, frames ``[b, F - b)`` with ``b = int((1 - test_ratio)
    * F / 2)``, is resampled (all of it by default; MAMP: 0.95). The time
    axis is ``keypoint.shape[-3]``, so both ``(M, T, V, C)`` and
    ``(num_clips, M, T, V, C)`` layouts work.

    Required Keys:

        - keypoint
        - total_frames (the valid frame count)

    Modified Keys:

        - keypoint

    Added Keys:

        - clip_len

    Args:
        clip_len (int): Output length. Defaults to 64.
        min_ratio (float): Lower bound of the crop ratio. Defaults to 0.1.
        max_ratio (float): Upper bound of the crop ratio. Defaults to 1.0.
        min_len (int, optional): Shortest crop (unless the clip is
            shorter); ``None`` means ``clip_len``. MAMP: 64 for 120 frames.
        test_ratio (float): Centre fraction kept in test mode. Defaults to
            1.0.
        test_mode (bool): Resample the whole valid sequence instead of a
            random crop. Defaults to False.
    """

    def __init__(self,
                 clip_len: int = 64,
                 min_ratio: float = 0.1,
                 max_ratio: float = 1.0,
                 min_len: Optional[int] = None,
                 test_ratio: float = 1.0,
                 test_mode: bool = False) -> None:
        if not 0 < min_ratio <= max_ratio <= 1:
            raise ValueError('need 0 < min_ratio <= max_ratio <= 1, got '
                             f'{min_ratio}, {max_ratio}')
        if not 0 < test_ratio <= 1:
            raise ValueError(f'need 0 < test_ratio <= 1, got {test_ratio}')
        self.clip_len = clip_len
        self.min_ratio = min_ratio
        self.max_ratio = max_ratio
        self.min_len = min_len
        self.test_ratio = test_ratio
        self.test_mode = test_mode

    def transform(self, results: Dict) -> Dict:
        """Crop and resize ``results['keypoint']`` in time.

        Args:
            results (dict): The result dict.

        Returns:
            dict: The result dict with ``clip_len`` frames.
        """
        keypoint = results['keypoint']
        num_frames = min(int(results['total_frames']), keypoint.shape[-3])
        if num_frames < 1:
            raise ValueError(
                f"sample '{results.get('frame_dir', '?')}': field "
                f"'total_frames' is {results['total_frames']}, need >= 1")
        if self.test_mode:
            start = int((1 - self.test_ratio) * num_frames / 2)
            length = num_frames - 2 * start
        else:  # the crop rule of the pre-training views
            ratio = np.random.uniform(self.min_ratio, self.max_ratio)
            min_len = self.clip_len if self.min_len is None else self.min_len
            start, length = (int(v) for v in crop_window(
                num_frames, ratio, np.random.rand(), min_len))
        crop = keypoint[..., start:start + length, :, :]
        results['keypoint'] = resize_linear(crop, self.clip_len, axis=-3)
        results['clip_len'] = self.clip_len
        return results

    def __repr__(self) -> str:
        return (f'{self.__class__.__name__}(clip_len={self.clip_len}, '
                f'min_ratio={self.min_ratio}, max_ratio={self.max_ratio}, '
                f'min_len={self.min_len}, test_ratio={self.test_ratio}, '
                f'test_mode={self.test_mode})')
