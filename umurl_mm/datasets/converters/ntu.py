"""NTU RGB+D raw ``.skeleton`` files to MMAction2 PoseDataset annotations."""
import os.path as osp
import re
from typing import Dict, Iterable, List, Optional, Tuple

import numpy as np

from ..mamp_preprocess import mamp_select_bodies
from ..preprocessings import get_preprocessing

#: Training subjects of the cross-subject benchmarks.
NTU60_XSUB_TRAIN = (1, 2, 4, 5, 8, 9, 13, 14, 15, 16, 17, 18, 19, 25, 27, 28,
                    31, 34, 35, 38)
NTU120_XSUB_TRAIN = NTU60_XSUB_TRAIN + (
    45, 46, 47, 49, 50, 52, 53, 54, 55, 56, 57, 58, 59, 70, 74, 78, 80, 81,
    82, 83, 84, 85, 86, 89, 91, 92, 93, 94, 95, 97, 98, 100, 103)
#: Training cameras of NTU-60 cross-view.
NTU60_XVIEW_TRAIN = (2, 3)

_NAME = re.compile(r'^S(\d{3})C(\d{3})P(\d{3})R(\d{3})A(\d{3})$')
_BODY_INFO, _JOINT_INFO = 10, 12


def parse_name(name: str) -> Dict[str, int]:
    """Split ``SsssCcccPpppRrrrAaaa`` into its ids (``A`` 1-based)."""
    match = _NAME.match(name)
    if match is None:
        raise ValueError(f'{name!r} is not an NTU sample name '
                         '(SsssCcccPpppRrrrAaaa)')
    setup, camera, subject, rep, action = map(int, match.groups())
    return dict(
        setup=setup, camera=camera, subject=subject, rep=rep, action=action)


def read_skeleton_frames(path: str) -> List[List[Tuple[str, np.ndarray]]]:
    """Read an NTU ``.skeleton`` file frame by frame.

    Args:
        path (str): The ``.skeleton`` file.

    Returns:
        list: One list per frame of ``(bodyID, (25, 3) camera-space
        coordinates)``, in the file's order.
    """
    try:
        with open(path) as f:
            lines = f.read().split('\n')
    except (OSError, UnicodeDecodeError) as e:
        raise ValueError(f'{path}: cannot read as a text .skeleton file '
                         f'({type(e).__name__}: {e})') from e
    row = 0
    frames = []
    try:
        num_frames = int(lines[0])
        row = 1
        for t in range(num_frames):
            num_bodies = int(lines[row])
            row += 1
            bodies = []
            for m in range(num_bodies):
                body_id = lines[row].split()[0]
                num_joints = int(lines[row + 1])
                if num_joints != 25:
                    raise ValueError(
                        f'{path}: frame {t}, body {m}: {num_joints} joints '
                        f'(line {row + 2}); an NTU RGB+D .skeleton file has '
                        '25 (Kinect v2)')
                block = lines[row + 2:row + 2 + num_joints]
                joints = np.array(' '.join(block).split(), np.float64)
                bodies.append(
                    (body_id, joints.reshape(num_joints, _JOINT_INFO)[:, :3]))
                row += 2 + num_joints
            frames.append(bodies)
    except (ValueError, IndexError) as e:
        raise ValueError(f'{path}: malformed .skeleton file near line '
                         f'{row + 1} ({e})') from e
    return frames


def read_skeleton_file(path: str, max_bodies: int = 4) -> np.ndarray:
    """Read the joint coordinates of an NTU ``.skeleton`` file.

    The m-th body listed in a frame goes to slot m (as in MMAction2's and
    the official tools); frames with fewer bodies leave zeros.

    Args:
        path (str): The ``.skeleton`` file.
        max_bodies (int): Body slots kept. Defaults to 4.

    Returns:
        np.ndarray: ``(max_bodies, T, 25, 3)`` camera-space coordinates.
    """
    frames = read_skeleton_frames(path)
    keypoint = np.zeros((max_bodies, len(frames), 25, 3), np.float32)
    for t, bodies in enumerate(frames):
        for m, (_, joints) in enumerate(bodies[:max_bodies]):
            keypoint[m, t] = joints
    return keypoint


def ntu_splits(names: Iterable[str], benchmark: str) -> Dict[str, List[str]]:
    """Standard NTU splits.

    Args:
        names (Iterable[str]): Sample names.
        benchmark (str): ``'ntu60'`` (``xsub``, ``xview``) or ``'ntu120'``
            (``xsub``, ``xset``).

    Returns:
        dict: ``{split}_train`` / ``{split}_val`` name lists.
    """
    if benchmark not in ('ntu60', 'ntu120'):
        raise ValueError(f"benchmark must be 'ntu60' or 'ntu120', got "
                         f'{benchmark!r}')
    names = list(names)
    ids = [parse_name(n) for n in names]
    rules = dict(xsub=lambda i: i['subject'] in (
        NTU60_XSUB_TRAIN if benchmark == 'ntu60' else NTU120_XSUB_TRAIN))
    if benchmark == 'ntu60':
        rules['xview'] = lambda i: i['camera'] in NTU60_XVIEW_TRAIN
    else:
        rules['xset'] = lambda i: i['setup'] % 2 == 0
    split = {}
    for key, is_train in rules.items():
        split[f'{key}_train'] = [n for n, i in zip(names, ids) if is_train(i)]
        split[f'{key}_val'] = [
            n for n, i in zip(names, ids) if not is_train(i)
        ]
    return split


def convert_ntu_skeletons(files: Iterable[str],
                          benchmark: str,
                          ignored: Optional[Iterable[str]] = None,
                          progress=None,
                          preprocess: str = 'umurl') -> Dict:
    """Convert raw NTU ``.skeleton`` files to a PoseDataset annotation dict.

    Each sequence gets UmURL's preprocessing (or the one ``preprocess``
    names; MAMP's ``mamp`` / ``mamp-ntu120`` select the actors first with
    :func:`mamp_select_bodies`); ``total_frames`` is its valid frame
    count. Samples named in ``ignored`` (the official missing-skeleton
    list) are skipped, and so are samples of classes outside the benchmark
    (A061+ for NTU-60).

    Args:
        files (Iterable[str]): ``.skeleton`` paths.
        benchmark (str): ``'ntu60'`` or ``'ntu120'``.
        ignored (Iterable[str], optional): Sample names to skip.
        progress (callable, optional): Wraps the file iterable (e.g. a
            progress bar).
        preprocess (str): A name of :data:`PREPROCESSINGS`. Defaults to
            ``umurl``.

    Returns:
        dict: ``split`` and ``annotations``.
    """
    prepare = get_preprocessing(preprocess)
    ignored = set(ignored or ())
    max_action = 60 if benchmark == 'ntu60' else 120
    files = sorted(files)
    annos = []
    for path in (progress(files) if progress else files):
        name = osp.basename(path).split('.')[0]
        action = parse_name(name)['action']
        if name in ignored or action > max_action:
            continue
        if preprocess.startswith('mamp'):  # MAMP's actors, in order
            raw = mamp_select_bodies(read_skeleton_frames(path), path)
        else:
            raw = read_skeleton_file(path)
        keypoint, frames = prepare(raw, 2, f'{path}: keypoint')
        annos.append(
            dict(
                frame_dir=name,
                label=action - 1,
                keypoint=keypoint,
                total_frames=frames))
    return dict(
        split=ntu_splits([a['frame_dir'] for a in annos], benchmark),
        annotations=annos,
        preprocess=preprocess)
