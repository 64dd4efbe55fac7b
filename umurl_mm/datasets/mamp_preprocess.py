"""MAMP's sequence preprocessing: translation only.

The official code (after the CTR-GCN/SGN body selection for NTU) subtracts
one point, the centre joint of person 0 in its first non-empty frame, from
every non-empty frame of both persons: no per-frame centring, no rotation
and no scale normalisation, so the body's own displacement stays in the
motion MAMP predicts. UmURL's normalisation (:mod:`.preprocess`) centres
every frame, which would remove it.
"""
from typing import Tuple, Union

import numpy as np

from .layout import NTU_LAYOUT, SkeletonLayout, get_layout
from .preprocess import select_active_bodies
from .skeleton import check_keypoint


def mamp_translate(keypoint: np.ndarray,
                   num_person: int = 2,
                   where: str = 'keypoint',
                   layout: Union[str, dict, SkeletonLayout] = NTU_LAYOUT,
                   translate: bool = True,
                   duplicate_single: bool = False) -> Tuple[np.ndarray, int]:
    """Apply MAMP's preparation to one raw 3D sequence.

    Steps: keep the ``num_person`` most active bodies, drop frames in which
    every body is empty, subtract the layout's centre (joint 2 of NTU) of
    person 0 in the first frame from every non-empty joint. A single person
    leaves the other slots zero (MAMP's NTU-60 data) or, with
    ``duplicate_single``, is copied into them (its NTU-120 data).

    Args:
        keypoint (np.ndarray): ``(M, T, V, 3)`` camera-space coordinates.
        num_person (int): Bodies to keep. Defaults to 2.
        where (str): Name of the sample for error messages.
        layout (str | dict | SkeletonLayout): A 3D layout. Defaults to NTU
            RGB+D.
        translate (bool): Subtract the first frame's centre; ``False``
            keeps camera coordinates (MAMP's PKU-MMD data). Defaults to
            True.
        duplicate_single (bool): Copy a single person into the empty
            slots. Defaults to False.

    Returns:
        tuple[np.ndarray, int]: ``(num_person, F, V, 3)`` float32 array and
        the frame count F.
    """
    layout = get_layout(layout)
    if layout.num_coords != 3:
        raise ValueError(f'{where}: mamp_translate is for 3D layouts; '
                         f'{layout.name!r} is 2D')
    check_keypoint(keypoint, where, num_joints=layout.num_joints,
                   layout=layout.name)
    kp = select_active_bodies(keypoint.astype(np.float64), num_person)
    kp = kp[:, np.any(kp != 0, axis=(0, 2, 3))]
    if kp.shape[1] == 0:
        raise ValueError(f'{where}: every frame is empty (all zeros)')
    first = np.flatnonzero(np.any(kp[0] != 0, axis=(1, 2)))
    if first.size == 0:
        raise ValueError(f'{where}: person 0 is empty in every frame')
    if translate:
        origin = kp[0, first[0], list(layout.center)].mean(0)
        present = np.any(kp != 0, axis=-1, keepdims=True)
        kp = (kp - origin) * present
    if duplicate_single and not kp[1:].any():
        kp[1:] = kp[0]
    return kp.astype(np.float32), kp.shape[1]
