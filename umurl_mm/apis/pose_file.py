"""One video's pose file, whatever wrote it, as an annotation dict."""
import os.path as osp
from typing import Dict, Optional, Sequence

from ..datasets.converters import (pose_annotation, read_mmpose_json,
                                   read_npy_clip)
from ..datasets.layout import NTU_LAYOUT
from ..fileio import UnsafeFileError, load_pickle


def load_pose_file(path: str,
                   layout=NTU_LAYOUT,
                   img_shape: Optional[Sequence[int]] = None) -> Dict:
    """Read the skeletons of one video.

    Supported: a ``.pkl`` holding one annotation dict (MMAction2's
    ``tools/data/skeleton/ntu_pose_extraction.py`` output), or a PoseDataset
    ``.pkl`` with exactly one sample (e.g. ``tools/data/mmpose_to_pkl.py``
    on one JSON); an MMPose prediction ``.json`` (persons tracked; needs
    ``img_shape``); a ``.npy`` ``(T, V, C)`` / ``(M, T, V, C)`` in
    ``layout`` (2D needs ``img_shape``).

    Args:
        path (str): The file.
        layout (str | dict | SkeletonLayout): Layout of a ``.npy`` file.
            Defaults to NTU RGB+D.
        img_shape (Sequence[int], optional): ``(height, width)`` of the
            video, for 2D ``.json`` / ``.npy`` files.

    Returns:
        dict: The annotation (``frame_dir``, ``keypoint``,
        ``total_frames``, and ``keypoint_score`` / ``img_shape`` for 2D).
    """
    if not osp.isfile(path):
        raise FileNotFoundError(f'{path}: no such pose file')
    name, ext = osp.splitext(osp.basename(path))
    if ext == '.json':
        if img_shape is None:
            raise ValueError(f'{path}: MMPose predictions do not store the '
                             'frame size; give img_shape (--img-shape H W)')
        return pose_annotation(read_mmpose_json(path), name, img_shape)
    if ext == '.npy':
        return read_npy_clip(path, name, layout, img_shape)
    if ext != '.pkl':
        raise ValueError(f'{path}: unknown pose file type {ext!r} (use '
                         '.pkl, .json or .npy)')
    try:
        data = load_pickle(path)
    except UnsafeFileError:
        raise
    except Exception as e:
        raise ValueError(f'{path}: cannot read ({type(e).__name__}: '
                         f'{e})') from e
    if isinstance(data, dict) and 'annotations' in data:
        data = data['annotations']
    if isinstance(data, list):
        if len(data) != 1:
            raise ValueError(f'{path}: holds {len(data)} samples; a pose '
                             'file is one video (use --ann-file for a '
                             'dataset)')
        data = data[0]
    if not isinstance(data, dict) or 'keypoint' not in data:
        raise ValueError(f"{path}: no 'keypoint' field: not a pose file")
    data = dict(data)
    data.setdefault('frame_dir', name)
    return data
