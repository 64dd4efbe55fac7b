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
    """Convert every clip file of ``folder`` (or those the CSV names).

    Args:
        folder (str): The folder.
        pattern (str): File name pattern, e.g. ``'*.json'``; the clip name
            is the file name without the extension.
        read (callable): ``read(path, name) -> annotation`` (without label).
        labels_csv (str, optional): ``name,label[,split]`` rows; every
            listed clip must have a file. Without it every file is converted
            with label -1 (feature extraction / retrieval only).

    Returns:
        dict: ``split`` (from the CSV's split column) and ``annotations``.
    """
    if not osp.isdir(folder):
        raise FileNotFoundError(f'{folder}: no such folder')
    ext = pattern.lstrip('*')
    files = {
        osp.basename(p)[:-len(ext)]: p
        for p in sorted(glob.glob(osp.join(folder, pattern)))
    }
    if labels_csv is None:
        labels = {name: (-1, None) for name in files}
    else:
        labels = read_labels_csv(labels_csv)
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
