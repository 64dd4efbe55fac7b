"""Folders of per-clip files (MMPose JSON, ``.npy``) plus a labels CSV to
one PoseDataset annotation dict."""
import glob
import os.path as osp
from typing import Callable, Dict, List, Optional

from .labels_csv import build_splits, read_labels_csv
from .pose_file import track_progress


def convert_clip_folder(folder: str, pattern: str,
                        read: Callable[[str, str], Dict],
                        labels_csv: Optional[str] = None) -> Dict:
    """Convert every clip file of ``folder`` (or those the CSV names), or
    one clip file.

    Args:
        folder (str): The folder, or one clip file.
        pattern (str): File name pattern, e.g. ``'*.json'``; the clip name
            is the file name without the extension.
        read (callable): ``read(path, name) -> annotation`` (without label).
        labels_csv (str, optional): ``name,label[,split]`` rows; every
            listed clip must have a file (one file: the CSV must list it).
            Without it every file is converted with label -1 (feature
            extraction / retrieval only).

    Returns:
        dict: ``split`` (from the CSV's split column) and ``annotations``.
    """
    ext = pattern.lstrip('*')
    if osp.isfile(folder):
        if not folder.endswith(ext):
            raise ValueError(f'{folder}: not a {pattern} file')
        paths = [folder]
    elif osp.isdir(folder):
        paths = sorted(glob.glob(osp.join(folder, pattern)))
    else:
        raise FileNotFoundError(f'{folder}: no such folder or file')
    files = {osp.basename(p)[:-len(ext)]: p for p in paths}
    if labels_csv is None:
        labels = {name: (-1, None) for name in files}
    else:
        labels = read_labels_csv(labels_csv)
        if osp.isfile(folder):
            labels = {n: v for n, v in labels.items() if n in files}
            if not labels:
                raise ValueError(f'{labels_csv}: no row for {folder} '
                                 f'(clip name {next(iter(files))!r})')
        lost = [n for n in labels if n not in files]
        if lost:
            raise ValueError(f'{labels_csv}: {len(lost)} listed clips have '
                             f'no {pattern} file in {folder}: {lost[:5]}')
    if not labels:
        raise ValueError(f'{folder}: no {pattern} file')
    annos: List[Dict] = []
    for name in track_progress(sorted(labels)):
        anno = read(files[name], name)
        anno['label'] = labels[name][0]
        annos.append(anno)
    data = dict(annotations=annos)
    splits = build_splits(labels, sorted(labels))
    if splits:
        data['split'] = splits
    return data
