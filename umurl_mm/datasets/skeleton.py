"""Skeleton layout constants and sanity checks shared by tools and models."""
from typing import Sequence, Tuple

import numpy as np

#: Number of joints of a Kinect v2 (NTU RGB+D) skeleton.
NTU_NUM_JOINTS = 25

#: Bone pairs ``(v1, v2)`` (1-based NTU ids): ``bone[v1] = joint[v1] -
#: joint[v2]``. Joint 21 (spine shoulder) is its own parent, so its bone is 0.
NTU_BONE_PAIRS: Tuple[Tuple[int, int], ...] = (
    (1, 2), (2, 21), (3, 21), (4, 3), (5, 21), (6, 5), (7, 6), (8, 7),
    (9, 21), (10, 9), (11, 10), (12, 11), (13, 1), (14, 13), (15, 14),
    (16, 15), (17, 1), (18, 17), (19, 18), (20, 19), (21, 21), (22, 23),
    (23, 8), (24, 25), (25, 12))


def bone_parents(pairs: Sequence[Sequence[int]], num_joints: int) -> list:
    """Turn 1-based ``(v1, v2)`` bone pairs into a 0-based parent list.

    Args:
        pairs (Sequence[Sequence[int]]): Bone pairs, one per joint.
        num_joints (int): Number of joints V.

    Returns:
        list: ``parents[v]`` is the 0-based joint that bone ``v`` starts at.
    """
    parents = [None] * num_joints
    for v1, v2 in pairs:
        if not (1 <= v1 <= num_joints and 1 <= v2 <= num_joints):
            raise ValueError(f'bone pair ({v1}, {v2}) is outside joints '
                             f'1..{num_joints}')
        parents[v1 - 1] = v2 - 1
    missing = [i + 1 for i, p in enumerate(parents) if p is None]
    if missing:
        raise ValueError(f'bone pairs give no bone for joints {missing}')
    return parents


#: Default bound of ``|coordinate|`` at load time: far above any real value
#: in metres (NTU: |x| < 10) or pixels (4K frames: < 4096), far below what
#: turns the loss non-finite.
MAX_ABS_COORD = 1e5

#: Joint counts of common layouts, to say what the data probably is.
KNOWN_LAYOUTS = {25: 'NTU RGB+D (Kinect v2)', 17: 'COCO-17', 18: 'OpenPose-18'}


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
                   max_abs: float = MAX_ABS_COORD) -> None:
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
    """
    if not isinstance(keypoint, np.ndarray):
        raise ValueError(f'{where}: expected a numpy array, got '
                         f'{type(keypoint).__name__}')
    if keypoint.ndim != 4:
        raise ValueError(f'{where}: expected shape (M, T, V, {num_coords}), '
                         f'got {keypoint.shape}')
    layout = (keypoint.shape[2], keypoint.shape[3])
    want = (num_joints if num_joints is not None else layout[0], num_coords)
    if layout != want:
        raise ValueError(
            f'{where}: the data has {describe_layout(*layout)} (shape '
            f'{keypoint.shape}) but the config expects '
            f'{describe_layout(*want)}; convert the data or set the '
            'skeleton layout (num_joints / in_channels) to match')
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
