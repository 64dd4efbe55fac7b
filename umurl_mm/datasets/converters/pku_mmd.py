"""PKU-MMD (phase II) skeleton files to MMAction2 PoseDataset annotations.

Each video has a skeleton file (one row per frame: 150 numbers, x y z of 25
joints of two persons; the second person is zeros when absent) and a label
file (rows ``action_id, start_frame, end_frame, confidence``). Every
labelled interval becomes one sample ``{video}_{index}`` with frames
``[start, end)`` and label ``action_id - 1``.
"""
import os.path as osp
from typing import Dict, Iterable, List, Optional, Tuple

import numpy as np

from ..preprocessings import get_preprocessing


def read_pku_skeleton(path: str) -> np.ndarray:
    """Read a PKU-MMD skeleton file as ``(2, T, 25, 3)``."""
    try:
        rows = np.loadtxt(path, dtype=np.float32, ndmin=2)
    except ValueError as e:
        raise ValueError(f'{path}: malformed skeleton file ({e})') from e
    if rows.shape[1] != 150 or rows.shape[0] == 0:
        raise ValueError(f'{path}: expected rows of 150 numbers, got shape '
                         f'{rows.shape}')
    return rows.reshape(-1, 2, 25, 3).transpose(1, 0, 2, 3)


def read_pku_labels(path: str) -> List[Tuple[int, int, int]]:
    """Read ``(label, start, end)`` rows (0-based label) of a label file."""
    out = []
    with open(path) as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            parts = [p.strip() for p in line.split(',')]
            try:
                action, start, end = (int(float(p)) for p in parts[:3])
            except ValueError as e:
                raise ValueError(f'{path}: line {n}: expected "action_id, '
                                 f'start, end, confidence", got {line!r}'
                                 ) from e
            if action < 1 or end <= start or start < 0:
                raise ValueError(f'{path}: line {n}: bad interval or label '
                                 f'{line.strip()!r}')
            out.append((action - 1, start, end))
    return out


def read_pku_split(path: str) -> Dict[str, List[str]]:
    """Read an official split file (``Training videos:`` and
    ``Validation videos:`` headers, each followed by comma-separated video
    names)."""
    split, current = {'train': [], 'val': []}, None
    with open(path) as f:
        for line in f:
            head, colon, rest = line.partition(':')
            low = head.lower()
            if colon and ('train' in low or 'valid' in low):
                current = 'train' if 'train' in low else 'val'
                line = rest  # names may follow the header on its line
            if line.strip():
                if current is None:
                    raise ValueError(f'{path}: video names before a '
                                     '"Training videos:" header')
                split[current] += [
                    n.strip() for n in line.split(',') if n.strip()
                ]
    if not split['train'] or not split['val']:
        raise ValueError(f'{path}: need training and validation videos')
    return split


def convert_pku_mmd(skeleton_dir: str,
                    label_dir: str,
                    split_file: str,
                    split_name: str = 'xsub',
                    progress=None,
                    preprocess: str = 'umurl',
                    max_frames: Optional[int] = None) -> Dict:
    """Convert PKU-MMD videos to a PoseDataset annotation dict.

    Args:
        skeleton_dir (str): Folder of ``{video}.txt`` skeleton files.
        label_dir (str): Folder of ``{video}.txt`` label files.
        split_file (str): Official split file (e.g. cross-subject).
        split_name (str): Split key prefix. Defaults to ``'xsub'``.
        progress (callable, optional): Wraps the video iterable.
        preprocess (str): A name of :data:`PREPROCESSINGS`: ``umurl`` (the
            default) or MAMP's ``mamp-pku`` (camera coordinates kept).
        max_frames (int, optional): Keep the first frames of each action
            only (MAMP: 300).

    Returns:
        dict: ``split`` (``{split_name}_train``/``_val``) and
        ``annotations`` with the preprocessing applied.
    """
    prepare = get_preprocessing(preprocess)
    videos = read_pku_split(split_file)
    part_of = {v: p for p, vs in videos.items() for v in vs}
    split = {f'{split_name}_train': [], f'{split_name}_val': []}
    annos = []
    names: Iterable[str] = sorted(part_of)
    for video in (progress(list(names)) if progress else names):
        skeleton = read_pku_skeleton(osp.join(skeleton_dir, f'{video}.txt'))
        label_path = osp.join(label_dir, f'{video}.txt')
        for i, (label, start, end) in enumerate(read_pku_labels(label_path)):
            name = f'{video}_{i:03d}'
            if end > skeleton.shape[1]:
                raise ValueError(f'{label_path}: interval {i} ends at frame '
                                 f'{end}, the video has {skeleton.shape[1]}')
            stop = end if max_frames is None else min(end,
                                                      start + max_frames)
            keypoint, frames = prepare(skeleton[:, start:stop], 2,
                                       f'{name} (frames {start}-{end})')
            annos.append(
                dict(
                    frame_dir=name,
                    label=label,
                    keypoint=keypoint,
                    total_frames=frames))
            split[f'{split_name}_{part_of[video]}'].append(name)
    return dict(split=split, annotations=annos, preprocess=preprocess)
