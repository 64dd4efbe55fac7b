"""One clip's ``.npy`` array (any layout) to a PoseDataset annotation."""
from typing import Dict, Optional, Sequence, Union

import numpy as np

from ..layout import SkeletonLayout, get_layout
from ..preprocess import check_img_shape, umurl_normalize
from ..skeleton import check_keypoint, check_keypoint_score
from .official_npy import load_npy


def read_npy_clip(path: str,
                  name: str,
                  layout: Union[str, dict, SkeletonLayout],
                  img_shape: Optional[Sequence[int]] = None,
                  normalize: bool = True,
                  num_person: Optional[int] = None) -> Dict:
    """Read ``(T, V, C)`` (one person) or ``(M, T, V, C)``.

    3D layouts: C = 3, UmURL-normalised with the layout's centre and
    shoulders (``normalize``), as the NTU tools do. 2D layouts: C = 2
    pixel coordinates, or 3 with the keypoint score last; ``img_shape`` is
    required and normalisation happens in the pipeline
    (``UmURLPreNormalize2D``).

    Args:
        path (str): The ``.npy`` file.
        name (str): ``frame_dir`` of the clip.
        layout (str | dict | SkeletonLayout): The skeleton layout.
        img_shape (Sequence[int], optional): ``(height, width)`` (2D).
        normalize (bool): Normalise 3D clips. Defaults to True.
        num_person (int, optional): Bodies kept by the 3D normalisation
            (the most active ones; zero bodies pad a clip that has fewer).
            Defaults to the clip's own count.

    Returns:
        dict: ``frame_dir``, ``keypoint``, ``total_frames`` (and for 2D
        ``keypoint_score`` when given, ``img_shape``).
    """
    layout = get_layout(layout)
    where = f"{path} ('{name}')"
    kp = load_npy(path)
    if kp.ndim == 3:
        kp = kp[None]
    coords = layout.num_coords
    channels = kp.shape[-1] if kp.ndim == 4 else None
    with_score = coords == 2 and channels == 3
    check_keypoint(
        kp[..., :coords] if with_score else kp, where, num_coords=coords,
        num_joints=layout.num_joints, layout=layout.name)
    kp = kp.astype(np.float32)
    if coords == 3:
        if normalize:
            kp, frames = umurl_normalize(kp, num_person or len(kp), where,
                                         layout)
        else:
            frames = kp.shape[1]
        return dict(frame_dir=name, keypoint=kp, total_frames=frames)
    if img_shape is None:
        raise ValueError(f'{where}: 2D keypoints in pixels need the frame '
                         'size: give img_shape (--img-shape H W)')
    shape = tuple(
        int(v) for v in check_img_shape(img_shape, f'{where}: img_shape'))
    anno = dict(frame_dir=name, keypoint=np.ascontiguousarray(kp[..., :2]),
                img_shape=shape, original_shape=shape,
                total_frames=kp.shape[1])
    if with_score:
        score = np.ascontiguousarray(kp[..., 2])
        check_keypoint_score(score, score.shape, f'{where}, keypoint score')
        anno['keypoint_score'] = score
    return anno
