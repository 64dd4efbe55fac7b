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


def check_keypoint(keypoint: np.ndarray,
                   where: str,
                   num_coords: int = 3,
                   num_joints: int = None) -> None:
    """Raise a ``ValueError`` naming ``where`` if ``keypoint`` is unusable.

    A usable keypoint is a finite array of shape ``(M, T, V, num_coords)``
    with ``M >= 1`` and ``T >= 1``.

    Args:
        keypoint (np.ndarray): The array to check.
        where (str): Where it comes from (file, sample and field), used in
            the error message.
        num_coords (int): Expected size of the last axis. Defaults to 3.
        num_joints (int, optional): Expected number of joints V.
    """
    if not isinstance(keypoint, np.ndarray):
        raise ValueError(f'{where}: expected a numpy array, got '
                         f'{type(keypoint).__name__}')
    if keypoint.ndim != 4 or keypoint.shape[-1] != num_coords:
        raise ValueError(f'{where}: expected shape (M, T, V, {num_coords}), '
                         f'got {keypoint.shape}')
    if num_joints is not None and keypoint.shape[2] != num_joints:
        raise ValueError(f'{where}: expected {num_joints} joints, got '
                         f'shape {keypoint.shape}')
    if keypoint.shape[0] == 0 or keypoint.shape[1] == 0:
        raise ValueError(f'{where}: empty sequence, shape {keypoint.shape}')
    if not np.isfinite(keypoint).all():
        bad = np.argwhere(~np.isfinite(keypoint))[0].tolist()
        raise ValueError(f'{where}: non-finite coordinate (NaN/inf) at '
                         f'index (m, t, v, c) = {tuple(bad)}')
