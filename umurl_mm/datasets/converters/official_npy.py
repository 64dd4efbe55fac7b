"""The official UmURL repo's preprocessed arrays to PoseDataset format."""
import os.path as osp
from typing import Dict, List

import numpy as np

from ...fileio import UnsafeFileError, load_pickle
from ..skeleton import check_keypoint


def load_npy(path: str, **kwargs) -> np.ndarray:
    """``np.load`` whose errors name the file."""
    try:
        return np.load(path, **kwargs)
    except Exception as e:
        raise ValueError(f'{path}: cannot read as a .npy array '
                         f'({type(e).__name__}: {e})') from e


def load_official_split(data_dir: str, part: str) -> List[Dict]:
    """Read one part (``train`` or ``val``) of an official data folder.

    The folder holds ``{part}_data_joint.npy`` ``(N, 3, T, 25, 2)`` (already
    preprocessed), ``{part}_label.pkl`` (``(names, labels)``) and
    ``{part}_num_frame.npy`` ``(N,)``.

    Args:
        data_dir (str): The folder, e.g. ``NTU60_frame50/xsub``.
        part (str): ``'train'`` or ``'val'``.

    Returns:
        list[dict]: PoseDataset annotations, ``keypoint`` ``(2, F, 25, 3)``
        cut to the valid frame count F.
    """
    joint_path = osp.join(data_dir, f'{part}_data_joint.npy')
    label_path = osp.join(data_dir, f'{part}_label.pkl')
    frame_path = osp.join(data_dir, f'{part}_num_frame.npy')
    data = load_npy(joint_path, mmap_mode='r')
    if data.ndim != 5 or data.shape[1] != 3 or data.shape[3] != 25:
        raise ValueError(f'{joint_path}: expected (N, 3, T, 25, M) (NTU '
                         f'RGB+D, 3D), got {data.shape}')
    try:
        names, labels = load_pickle(label_path, encoding='latin1')[:2]
    except UnsafeFileError:
        raise
    except Exception as e:
        raise ValueError(f'{label_path}: expected a pickled (names, '
                         f'labels) pair ({type(e).__name__}: {e})') from e
    frames = load_npy(frame_path)
    if not len(names) == len(labels) == len(frames) == len(data):
        raise ValueError(
            f'{data_dir}: {part} files disagree on the sample count: '
            f'{len(data)} arrays, {len(names)} names, {len(labels)} labels, '
            f'{len(frames)} frame counts')
    annos = []
    for i, (name, label, num) in enumerate(zip(names, labels, frames)):
        name = osp.basename(str(name)).split('.')[0]
        num = int(num)
        if not 1 <= num <= data.shape[2]:
            raise ValueError(f'{frame_path}: sample {i} ({name!r}): frame '
                             f'count {num} outside [1, {data.shape[2]}]')
        keypoint = np.ascontiguousarray(
            data[i, :, :num].transpose(3, 1, 2, 0), dtype=np.float32)
        check_keypoint(keypoint, f"{joint_path}: sample {i} ({name!r})",
                       num_joints=25)
        annos.append(
            dict(
                frame_dir=name,
                label=int(label),
                keypoint=keypoint,
                total_frames=num))
    return annos


def convert_official_npy(data_dir: str, split_name: str) -> Dict:
    """Convert an official data folder to one PoseDataset annotation dict.

    Args:
        data_dir (str): Folder with ``train_*`` and ``val_*`` files.
        split_name (str): Benchmark key, e.g. ``'xsub'``; the splits are
            named ``{split_name}_train`` and ``{split_name}_val``.

    Returns:
        dict: ``split`` and ``annotations``.
    """
    split, annos = {}, []
    for part in ('train', 'val'):
        part_annos = load_official_split(data_dir, part)
        split[f'{split_name}_{part}'] = [a['frame_dir'] for a in part_annos]
        annos += part_annos
    return dict(split=split, annotations=annos)


def merge_pose_data(base: Dict, new: Dict, source: str = 'new data') -> Dict:
    """Merge two PoseDataset annotation dicts (e.g. the official x-sub and
    x-view folders) into one file with all their splits.

    Samples are matched by ``frame_dir``; a sample present in both keeps
    the first copy, which must agree on label and frame count.

    Args:
        base (dict): ``split`` and ``annotations`` to extend.
        new (dict): ``split`` and ``annotations`` to add.
        source (str): Name of ``new`` for error messages.

    Returns:
        dict: The merged ``split`` and ``annotations``.
    """
    clash = set(base['split']) & set(new['split'])
    if clash:
        raise ValueError(f'{source}: splits {sorted(clash)} already exist')
    known = {a['frame_dir']: a for a in base['annotations']}
    annos = list(base['annotations'])
    for anno in new['annotations']:
        old = known.get(anno['frame_dir'])
        if old is None:
            annos.append(anno)
        elif (old['label'], old['total_frames']) != (anno['label'],
                                                     anno['total_frames']):
            raise ValueError(
                f"{source}: sample {anno['frame_dir']!r} disagrees with the "
                f"existing copy (label {anno['label']} vs {old['label']}, "
                f"frames {anno['total_frames']} vs {old['total_frames']})")
    return dict(split={**base['split'], **new['split']}, annotations=annos)
