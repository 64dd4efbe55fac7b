"""UmURL's sequence normalisation (the preprocessing of the published runs).

Unlike MMAction2's ``PreNormalize3D`` it centres every frame on the middle of
the spine of person 0 *in that frame*, and only aligns the shoulders to +x.
"""
from typing import Tuple

import numpy as np

from .layout import LEFT_SHOULDER, NTU_NUM_JOINTS, RIGHT_SHOULDER, SPINE_MID
from .skeleton import check_keypoint


def select_active_bodies(keypoint: np.ndarray, num_person: int) -> np.ndarray:
    """Keep the ``num_person`` most active bodies, padding with zeros.

    Activity is the sum over x, y, z of the standard deviation of that
    coordinate over the body's non-empty frames (all joints pooled).

    Args:
        keypoint (np.ndarray): ``(M, T, V, C)`` coordinates.
        num_person (int): Number of bodies to keep.

    Returns:
        np.ndarray: ``(num_person, T, V, C)``, most active body first.
    """
    M, T, V, C = keypoint.shape
    valid = np.any(keypoint != 0, axis=(2, 3))  # (M, T)
    n = valid.sum(1) * V  # points per body
    w = valid[:, :, None, None]
    mean = (keypoint * w).sum((1, 2)) / np.maximum(n, 1)[:, None]
    var = (((keypoint - mean[:, None, None]) * w)**2).sum(
        (1, 2)) / np.maximum(n, 1)[:, None]
    activity = np.where(n > 0, np.sqrt(var).sum(1), -1.0)
    order = np.argsort(-activity, kind='stable')[:num_person]
    out = np.zeros((num_person, T, V, C), dtype=keypoint.dtype)
    out[:len(order)] = keypoint[order]
    return out


def loop_pad(keypoint: np.ndarray) -> Tuple[np.ndarray, int]:
    """Move leading empty frames away and loop-pad each body.

    A body whose first frame is empty has its non-empty frames moved to the
    front. Then frames past a body's last non-empty frame repeat its frames
    from the start; empty frames in the middle of a body stay empty. As in
    the official preprocessing, the sequence keeps all T frames of the
    source (frames where no body was recorded still count), so T is the
    valid frame count.

    Args:
        keypoint (np.ndarray): ``(M, T, V, C)`` coordinates.

    Returns:
        tuple[np.ndarray, int]: The padded ``(M, T, V, C)`` array and the
        valid frame count: T, or 0 if no frame has a body.
    """
    M, T = keypoint.shape[:2]
    valid = np.any(keypoint != 0, axis=(2, 3))  # (M, T)
    # compact bodies whose first frame is empty: stable sort puts valid
    # frames first, in order
    compact = ~valid[:, 0] & valid.any(1)
    order = np.argsort(~valid, axis=1, kind='stable')
    order[~compact] = np.arange(T)
    keypoint = np.take_along_axis(keypoint, order[:, :, None, None], axis=1)
    valid = np.take_along_axis(valid, order, axis=1)
    # length of each body: last non-empty frame + 1
    length = np.where(valid.any(1), T - np.argmax(valid[:, ::-1], axis=1), 0)
    num_frames = T if length.max() > 0 else 0
    t = np.arange(num_frames)
    src = t[None] % np.maximum(length, 1)[:, None]  # (M, F)
    padded = np.take_along_axis(keypoint, src[:, :, None, None], axis=1)
    padded[length == 0] = 0
    return padded, num_frames


def rotation_to_x(vec: np.ndarray) -> np.ndarray:
    """Rotation matrix that turns ``vec`` to point along +x (Rodrigues).

    Args:
        vec (np.ndarray): A 3-vector.

    Returns:
        np.ndarray: ``(3, 3)`` rotation R with ``R @ vec`` along +x; the
        identity for a zero vector.
    """
    norm = np.linalg.norm(vec)
    if norm < 1e-12:
        return np.eye(3)
    u = vec / norm
    axis = np.cross(u, [1.0, 0.0, 0.0])
    sin = np.linalg.norm(axis)
    cos = u[0]
    if sin < 1e-12:
        return np.eye(3) if cos > 0 else np.diag([-1.0, -1.0, 1.0])
    k = axis / sin
    K = np.array([[0, -k[2], k[1]], [k[2], 0, -k[0]], [-k[1], k[0], 0]])
    return np.eye(3) + sin * K + (1 - cos) * K @ K


def umurl_normalize(keypoint: np.ndarray,
                    num_person: int = 2,
                    where: str = 'keypoint') -> Tuple[np.ndarray, int]:
    """Apply UmURL's preprocessing to one raw NTU sequence.

    Steps: keep the most active bodies, loop padding, per-frame centring on
    joint 2 of person 0 (non-zero joints only), rotation of the person-0
    frame-0 left-to-right shoulder vector onto +x.

    Args:
        keypoint (np.ndarray): ``(M, T, V, 3)`` camera-space coordinates.
        num_person (int): Bodies to keep. Defaults to 2.
        where (str): Name of the sample for error messages.

    Returns:
        tuple[np.ndarray, int]: ``(num_person, F, V, 3)`` float32 array and
        the valid frame count F.
    """
    check_keypoint(keypoint, where, num_joints=NTU_NUM_JOINTS)
    kp = select_active_bodies(keypoint.astype(np.float64), num_person)
    kp, num_frames = loop_pad(kp)
    if num_frames == 0:
        raise ValueError(f'{where}: every frame is empty (all zeros)')
    present = np.any(kp != 0, axis=-1, keepdims=True)
    kp = (kp - kp[0, :, SPINE_MID][None, :, None]) * present
    rot = rotation_to_x(kp[0, 0, RIGHT_SHOULDER] - kp[0, 0, LEFT_SHOULDER])
    kp = kp @ rot.T
    return kp.astype(np.float32), num_frames
