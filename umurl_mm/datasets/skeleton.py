"""Sanity checks of skeleton arrays, shared by the dataset, the converters
and the feature API."""
from typing import Tuple

import numpy as np

from .layout import KNOWN_LAYOUTS

#: Default bound of ``|coordinate|`` at load time: far above any real value
#: in metres (NTU: |x| < 10) or pixels (4K frames: < 4096), far below what
#: turns the loss non-finite.
MAX_ABS_COORD = 1e5


def describe_layout(num_joints: int, num_coords: int) -> str:
    """Readable name of a ``(V, C)`` layout, e.g. ``'17 joints (COCO-17?),
    2D'``."""
    name = KNOWN_LAYOUTS.get(num_joints)
    dims = {2: '2D', 3: '3D'}.get(num_coords, f'{num_coords} coordinates')
    return f'{num_joints} joints{f" ({name}?)" if name else ""}, {dims}'


def check_keypoint(keypoint: np.ndarray,
                   where: str,
                   num_coords: int = 3,
                   num_joints: int = None,
                   max_abs: float = MAX_ABS_COORD,
                   layout: str = None) -> None:
    """Raise a ``ValueError`` naming ``where`` if ``keypoint`` is unusable.

    A usable keypoint is a finite array of shape ``(M, T, V, num_coords)``
    with ``M >= 1``, ``T >= 1``, ``V == num_joints`` (if given) and every
    ``|coordinate| <= max_abs`` (if given).

    Args:
        keypoint (np.ndarray): The array to check.
        where (str): Where it comes from (file, sample and field), used in
            the error message.
        num_coords (int): Expected size of the last axis. Defaults to 3.
        num_joints (int, optional): Expected number of joints V.
        max_abs (float, optional): Largest plausible ``|coordinate|``;
            ``None`` disables the check. Defaults to :data:`MAX_ABS_COORD`.
        layout (str, optional): Name of the config's skeleton layout, for
            the message.
    """
    if not isinstance(keypoint, np.ndarray):
        raise ValueError(f'{where}: expected a numpy array, got '
                         f'{type(keypoint).__name__}')
    if keypoint.ndim != 4:
        raise ValueError(f'{where}: expected shape (M, T, V, {num_coords}), '
                         f'got {keypoint.shape}')
    layout_of = (keypoint.shape[2], keypoint.shape[3])
    want = (num_joints if num_joints is not None else layout_of[0],
            num_coords)
    if layout_of != want:
        config = f'the config\'s {layout!r} layout' if layout else 'the config'
        raise ValueError(
            f'{where}: the data has {describe_layout(*layout_of)} (shape '
            f'{keypoint.shape}) but {config} expects '
            f'{describe_layout(*want)}; convert the data or set the '
            "skeleton layout (the dataset's and the backbone's layout) to "
            'match')
    if keypoint.shape[0] == 0 or keypoint.shape[1] == 0:
        raise ValueError(f'{where}: empty sequence, shape {keypoint.shape}')
    if not np.isfinite(keypoint).all():
        bad = np.argwhere(~np.isfinite(keypoint))[0].tolist()
        raise ValueError(f'{where}: non-finite coordinate (NaN/inf) at '
                         f'index (m, t, v, c) = {tuple(bad)}')
    if max_abs is not None:
        peak = np.abs(keypoint).max()
        if peak > max_abs:
            bad = np.unravel_index(np.abs(keypoint).argmax(), keypoint.shape)
            raise ValueError(
                f'{where}: implausible coordinate {float(peak):.3g} at index '
                f'(m, t, v, c) = {tuple(int(i) for i in bad)} (limit '
                f'|x| <= {max_abs:g}; raise max_abs if this is real data)')


def check_keypoint_score(score, shape: Tuple[int, ...], where: str) -> None:
    """Raise a ``ValueError`` naming ``where`` unless ``score`` is a finite
    array of ``shape`` (the ``(M, T, V)`` of its keypoints).

    Args:
        score: The ``keypoint_score`` value.
        shape (tuple[int]): The keypoints' ``(M, T, V)``.
        where (str): Where it comes from (file, sample and field).
    """
    if not isinstance(score, np.ndarray) or score.shape != tuple(shape):
        raise ValueError(f'{where}: expected an array of shape {tuple(shape)} '
                         '(M, T, V of the keypoints), got '
                         f'{getattr(score, "shape", type(score))}')
    if not np.isfinite(score).all():
        raise ValueError(f'{where}: non-finite score')
