"""UmURL's sequence normalisation (the preprocessing of the published runs)
and its 2D counterpart.

Unlike MMAction2's ``PreNormalize3D`` it centres every frame on the middle of
the spine of person 0 *in that frame*, and only aligns the shoulders to +x.
"""
from typing import Optional, Sequence, Tuple, Union

import numpy as np

from .layout import NTU_LAYOUT, SkeletonLayout, get_layout
from .skeleton import check_keypoint, check_keypoint_score


def select_active_bodies(keypoint: np.ndarray,
                         num_person: int,
                         coords: Optional[int] = None) -> np.ndarray:
    """Keep the ``num_person`` most active bodies, padding with zeros.

    Activity is the sum over the coordinates (x, y, z) of the standard
    deviation of that coordinate over the body's non-empty frames (all
    joints pooled).

    Args:
        keypoint (np.ndarray): ``(M, T, V, C)`` coordinates.
        num_person (int): Number of bodies to keep.
        coords (int, optional): Leading channels that are coordinates
            (further ones, e.g. a score, are carried along). Defaults to
            all.

    Returns:
        np.ndarray: ``(num_person, T, V, C)``, most active body first.
    """
    M, T, V, C = keypoint.shape
    full = keypoint
    keypoint = keypoint[..., :coords]
    valid = np.any(keypoint != 0, axis=(2, 3))  # (M, T)
    n = valid.sum(1) * V  # points per body
    w = valid[:, :, None, None]
    mean = (keypoint * w).sum((1, 2)) / np.maximum(n, 1)[:, None]
    var = (((keypoint - mean[:, None, None]) * w)**2).sum(
        (1, 2)) / np.maximum(n, 1)[:, None]
    activity = np.where(n > 0, np.sqrt(var).sum(1), -1.0)
    order = np.argsort(-activity, kind='stable')[:num_person]
    out = np.zeros((num_person, T, V, C), dtype=full.dtype)
    out[:len(order)] = full[order]
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


def check_3d(keypoint: np.ndarray, where: str,
             layout: Union[str, dict, SkeletonLayout],
             user: str) -> SkeletonLayout:
    """The 3D layout, after checking ``keypoint`` against it (a 2D layout
    is an error naming ``user``, the function that needs 3D)."""
    layout = get_layout(layout)
    if layout.num_coords != 3:
        raise ValueError(f'{where}: {user} is for 3D layouts; '
                         f'{layout.name!r} is 2D (use normalize_2d)')
    check_keypoint(keypoint, where, num_joints=layout.num_joints,
                   layout=layout.name)
    return layout


def umurl_normalize(
        keypoint: np.ndarray,
        num_person: int = 2,
        where: str = 'keypoint',
        layout: Union[str, dict, SkeletonLayout] = NTU_LAYOUT
) -> Tuple[np.ndarray, int]:
    """Apply UmURL's preprocessing to one raw 3D sequence.

    Steps: keep the most active bodies, loop padding, per-frame centring on
    the layout's centre of person 0 (joint 2 of NTU; non-zero joints only),
    rotation of the person-0 frame-0 left-to-right shoulder vector onto +x.

    Args:
        keypoint (np.ndarray): ``(M, T, V, 3)`` camera-space coordinates.
        num_person (int): Bodies to keep. Defaults to 2.
        where (str): Name of the sample for error messages.
        layout (str | dict | SkeletonLayout): A 3D layout. Defaults to NTU
            RGB+D.

    Returns:
        tuple[np.ndarray, int]: ``(num_person, F, V, 3)`` float32 array and
        the valid frame count F.
    """
    layout = check_3d(keypoint, where, layout, 'umurl_normalize')
    kp = select_active_bodies(keypoint.astype(np.float64), num_person)
    kp, num_frames = loop_pad(kp)
    if num_frames == 0:
        raise ValueError(f'{where}: every frame is empty (all zeros)')
    present = np.any(kp != 0, axis=-1, keepdims=True)
    centre = kp[0][:, list(layout.center)].mean(1)
    kp = (kp - centre[None, :, None]) * present
    left, right = layout.shoulders
    rot = rotation_to_x(kp[0, 0, right] - kp[0, 0, left])
    kp = kp @ rot.T
    return kp.astype(np.float32), num_frames


def normalize_2d(keypoint: np.ndarray,
                 score: Optional[np.ndarray],
                 img_shape: Sequence[int],
                 layout: Union[str, dict, SkeletonLayout] = 'coco',
                 num_person: int = 2,
                 where: str = 'keypoint'
                 ) -> Tuple[np.ndarray, Optional[np.ndarray], int]:
    """UmURL's preprocessing for 2D keypoints in pixels.

    As in 3D: keep the most active bodies, loop padding, per-frame centring
    on the layout's centre of person 0 (the mean of its detected centre
    joints; the image centre in frames without them). Then, instead of the
    3D shoulder rotation (image axes already point along gravity, and 2D
    shoulders collapse in side views), one scale for the whole clip: half
    the longer image side, so coordinates are O(1) like 3D metres and keep
    the person's size, as UmURL's 3D input does. Undetected joints ((0, 0))
    stay zero, their scores too.

    Args:
        keypoint (np.ndarray): ``(M, T, V, 2)`` pixel coordinates.
        score (np.ndarray, optional): ``(M, T, V)`` keypoint scores; carried
            through body selection and padding.
        img_shape (Sequence[int]): ``(height, width)`` of the video.
        layout (str | dict | SkeletonLayout): A 2D layout. Defaults to
            COCO-17.
        num_person (int): Bodies to keep. Defaults to 2.
        where (str): Name of the sample for error messages.

    Returns:
        tuple: ``(num_person, F, V, 2)`` float32 coordinates, the
        ``(num_person, F, V)`` float32 scores (``None`` without), and the
        valid frame count F.
    """
    layout = get_layout(layout)
    if layout.num_coords != 2:
        raise ValueError(f'{where}: normalize_2d is for 2D layouts; '
                         f'{layout.name!r} is 3D (use umurl_normalize)')
    check_keypoint(keypoint, f"{where}, field 'keypoint'", num_coords=2,
                   num_joints=layout.num_joints, layout=layout.name)
    height, width = check_img_shape(img_shape, f"{where}, field 'img_shape'")
    kp = keypoint.astype(np.float64)
    if score is not None:
        score = np.asarray(score)
        check_keypoint_score(score, keypoint.shape[:3],
                             f"{where}, field 'keypoint_score'")
        # an undetected joint ((0, 0)) has no score either
        score = np.asarray(score, np.float64) * kp.any(-1)
        kp = np.concatenate([kp, score[..., None]], -1)
    kp = select_active_bodies(kp, num_person, coords=2)
    kp, num_frames = loop_pad(kp)
    if num_frames == 0:
        raise ValueError(f'{where}: every frame is empty (all zeros)')
    xy = kp[..., :2]
    present = np.any(xy != 0, axis=-1, keepdims=True)
    centre_joints = xy[0][:, list(layout.center)]  # (F, J, 2)
    found = present[0][:, list(layout.center)]
    count = found.sum(1)
    centre = np.where(count > 0,
                      (centre_joints * found).sum(1) / np.maximum(count, 1),
                      [width / 2, height / 2])
    xy = (xy - centre[None, :, None]) * present / (max(height, width) / 2)
    score = kp[..., 2].astype(np.float32) if score is not None else None
    return xy.astype(np.float32), score, num_frames


def check_img_shape(img_shape, where: str) -> Tuple[float, float]:
    """``(height, width)`` as two positive numbers, else a ``ValueError``
    naming ``where``."""
    try:
        height, width = (float(v) for v in img_shape)
    except (TypeError, ValueError):
        raise ValueError(f'{where}: expected (height, width), got '
                         f'{img_shape!r}') from None
    if not (height > 0 and width > 0):
        raise ValueError(f'{where}: expected a positive (height, width), '
                         f'got {img_shape!r}')
    return height, width
