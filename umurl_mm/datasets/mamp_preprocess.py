"""MAMP's sequence preprocessing: translation only.

The official code (after the CTR-GCN/SGN body selection for NTU) subtracts
one point, the centre joint of person 0 in its first non-empty frame, from
every non-empty frame of both persons: no per-frame centring, no rotation
and no scale normalisation, so the body's own displacement stays in the
motion MAMP predicts. UmURL's normalisation (:mod:`.preprocess`) centres
every frame, which would remove it.
"""
from typing import Dict, List, Sequence, Tuple, Union

import numpy as np

from .layout import NTU_LAYOUT, SkeletonLayout
from .preprocess import check_3d, select_active_bodies


def mamp_translate(keypoint: np.ndarray,
                   num_person: int = 2,
                   where: str = 'keypoint',
                   layout: Union[str, dict, SkeletonLayout] = NTU_LAYOUT,
                   translate: bool = True,
                   duplicate_single: bool = False) -> Tuple[np.ndarray, int]:
    """Apply MAMP's preparation to one raw 3D sequence.

    Steps: keep the ``num_person`` most active bodies if there are more (in
    their order otherwise: :func:`mamp_select_bodies` orders NTU's actors),
    drop frames in which every body is empty, subtract the layout's centre
    (joint 2 of NTU) of person 0 in the first frame from every non-empty
    joint. A single person leaves the other slots zero (MAMP's NTU-60
    data) or, with ``duplicate_single``, is copied into them (its NTU-120
    data).

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
    layout = check_3d(keypoint, where, layout, 'mamp_translate')
    kp = keypoint.astype(np.float64)
    if len(kp) > num_person:
        kp = select_active_bodies(kp, num_person)
    elif len(kp) < num_person:
        kp = np.concatenate([kp, np.zeros((num_person - len(kp), ) +
                                          kp.shape[1:])])
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


def _motion(joints: np.ndarray) -> float:
    """A body's motion: the sum over x, y, z of the variance of all its
    joints over its frames."""
    return float(np.var(joints.reshape(-1, 3), axis=0).sum())


def _noisy_ratio(joints: np.ndarray) -> float:
    """Fraction of a body's frames whose x-range exceeds 0.8 times its
    y-range (a lying or spurious body)."""
    spread = joints.max(1) - joints.min(1)  # (n, 3)
    return float(np.mean(spread[:, 0] > 0.8 * spread[:, 1]))


def mamp_select_bodies(frames: Sequence[Sequence[Tuple[str, np.ndarray]]],
                       where: str = 'sequence') -> np.ndarray:
    """MAMP's body selection for NTU (the CTR-GCN/SGN denoising).

    Frames without bodies are dropped. With more than one body: bodies of
    at most 11 frames are dropped, then bodies with at least 69.754 % noisy
    frames (x-range > 0.8 y-range); if none is left, all are kept. The
    bodies, by motion (largest first), fill two actor slots: the first is
    actor 1; each other joins actor 1's slot if it shares no frame with
    it, else actor 2's if it shares none with that, else it is dropped.
    Frames with both slots empty are removed.

    Args:
        frames (Sequence): Per frame, ``(bodyID, (V, 3) joints)`` pairs
            (:func:`~umurl_mm.datasets.converters.ntu.read_skeleton_frames`).
        where (str): Name of the sample for error messages.

    Returns:
        np.ndarray: ``(2, T, V, 3)`` coordinates, actor 1 first.
    """
    frames = [f for f in frames if f]
    if not frames:
        raise ValueError(f'{where}: no body in any frame')
    found: Dict[str, Tuple[List[int], List[np.ndarray]]] = {}
    for t, bodies in enumerate(frames):
        for body_id, joints in bodies:
            ts, js = found.setdefault(body_id, ([], []))
            ts.append(t)
            js.append(joints)
    bodies = {k: (np.array(ts), np.stack(js)) for k, (ts, js) in
              found.items()}
    if len(bodies) > 1:
        kept = {k: v for k, v in bodies.items() if len(v[0]) > 11}
        kept = {k: v for k, v in kept.items()
                if _noisy_ratio(v[1]) < 0.69754}
        bodies = kept or bodies
    order = sorted(bodies, key=lambda k: -_motion(bodies[k][1]))
    V = bodies[order[0]][1].shape[1]
    out = np.zeros((2, len(frames), V, 3))
    used = [np.zeros(len(frames), bool), np.zeros(len(frames), bool)]
    for key in order:
        ts, joints = bodies[key]
        for slot in (0, 1):
            if not used[slot][ts].any():
                out[slot, ts] = joints
                used[slot][ts] = True
                break
    return out[:, used[0] | used[1]]
