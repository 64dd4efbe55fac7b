"""Kinect v1 recordings in their native formats to PoseDataset annotations
in the ``kinect_v1`` layout (the Kinect SDK's joint order): UTD-MHAD
(``aA_sS_tT_skeleton.mat``, ``d_skel``), MSR Action3D
(``aAA_sSS_eEE_skeleton3D.txt``) and NW-UCLA (the CTR-GCN release's
``all_sqe/*.json``). One person per clip; each clip UmURL-normalised as
the NTU tools do (or, with ``preprocess='mamp'``, only translated, as MAMP
prepares its data); the standard splits named; the layout, person count,
class names and preprocessing recorded in the file."""
import glob
import json
import os.path as osp
import re
from typing import Callable, Dict, List, Optional, Tuple

import numpy as np

from ..layout import KINECT_V1_LAYOUT, get_layout
from ..preprocessings import get_preprocessing
from .pose_file import track_progress

UTD_MHAD_CLASSES = (
    'swipe left', 'swipe right', 'wave', 'clap', 'throw', 'arm cross',
    'basketball shoot', 'draw x', 'draw circle (clockwise)',
    'draw circle (counter-clockwise)', 'draw triangle', 'bowling', 'boxing',
    'baseball swing', 'tennis swing', 'arm curl', 'tennis serve', 'push',
    'knock', 'catch', 'pickup and throw', 'jog', 'walk', 'sit to stand',
    'stand to sit', 'lunge', 'squat')
MSR_ACTION3D_CLASSES = (
    'high arm wave', 'horizontal arm wave', 'hammer', 'hand catch',
    'forward punch', 'high throw', 'draw x', 'draw tick', 'draw circle',
    'hand clap', 'two hand wave', 'side boxing', 'bend', 'forward kick',
    'side kick', 'jogging', 'tennis swing', 'tennis serve', 'golf swing',
    'pick up and throw')
#: NW-UCLA's actions 1-6, 8, 9, 11, 12, labelled 1..10 in the release
NW_UCLA_CLASSES = (
    'pick up with one hand', 'pick up with two hands', 'drop trash',
    'walk around', 'sit down', 'stand up', 'donning', 'doffing', 'throw',
    'carry')

#: For each Kinect SDK joint, its 0-based row in UTD-MHAD's order (head,
#: shoulder centre, spine, hip centre, then the limbs as the SDK has them).
UTD_TO_SDK = (3, 2, 1, 0) + tuple(range(4, 20))
#: For each Kinect SDK joint, its 0-based row in MSR Action3D's order
#: (right/left shoulder, neck, spine, right/left hip, hip centre, elbows,
#: wrists, hands, knees, ankles, feet, each right then left; head last).
#: Right is odd (1-based): the arm and leg the protocol's subjects act
#: with move most there.
MSR_TO_SDK = (6, 3, 2, 19, 1, 7, 9, 11, 0, 8, 10, 12, 5, 13, 15, 17, 4, 14,
              16, 18)


def read_utd_mhad(path: str) -> np.ndarray:
    """``(T, 20, 3)`` SDK-ordered joints of a UTD-MHAD ``.mat`` file
    (``d_skel``, ``(20, 3, T)``)."""
    from scipy.io import loadmat
    try:
        mat = loadmat(path)
    except Exception as e:
        raise ValueError(f'{path}: cannot read as a MATLAB file '
                         f'({type(e).__name__}: {e})') from e
    if 'd_skel' not in mat:
        keys = sorted(k for k in mat if not k.startswith('__'))
        raise ValueError(f"{path}: no field 'd_skel' (fields: {keys})")
    skel = np.asarray(mat['d_skel'])
    if skel.ndim != 3 or skel.shape[:2] != (20, 3) or skel.shape[2] < 1:
        raise ValueError(f"{path}: field 'd_skel' has shape {skel.shape}, "
                         'expected (20, 3, T)')
    return skel.transpose(2, 0, 1)[:, UTD_TO_SDK].astype(np.float64)


def read_msr_action3d(path: str) -> np.ndarray:
    """``(T, 20, 3)`` SDK-ordered joints of an MSR Action3D
    ``_skeleton3D.txt`` file (20 lines ``x y z confidence`` per frame).

    MSR Action3D's x axis is mirrored against the Kinect SDK's (its right
    shoulder lies at smaller x than its left one; in UTD-MHAD and the SDK
    at larger x): x is negated, so every ``kinect_v1`` set has one
    handedness."""
    rows = []
    with open(path) as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            fields = line.split()
            try:
                values = [float(v) for v in fields]
            except ValueError:
                values = None
            if values is None or len(values) != 4:
                raise ValueError(
                    f'{path}: line {n} (frame {len(rows) // 20}, joint '
                    f'{len(rows) % 20 + 1}): expected 4 numbers '
                    f'"x y z confidence", got {line.strip()[:60]!r}')
            rows.append(values)
    if not rows or len(rows) % 20:
        raise ValueError(f'{path}: {len(rows)} joint lines, not a whole '
                         'number of 20-joint frames')
    kp = np.array(rows).reshape(-1, 20, 4)[:, MSR_TO_SDK, :3]
    kp[..., 0] *= -1
    return kp


def read_nw_ucla(path: str) -> Tuple[np.ndarray, int, str]:
    """Joints ``(T, 20, 3)`` (already in the SDK order), the 0-based label
    and the clip name of an NW-UCLA JSON file of the CTR-GCN release
    (``{"file_name": ..., "skeletons": [T][20][3], "label": 1..10}``)."""
    try:
        with open(path) as f:
            info = json.load(f)
    except (OSError, ValueError) as e:
        raise ValueError(f'{path}: cannot read as JSON ({e})') from e
    if not isinstance(info, dict):
        raise ValueError(f'{path}: expected a JSON object')
    for key in ('file_name', 'skeletons', 'label'):
        if key not in info:
            raise ValueError(f'{path}: no field {key!r}')
    try:
        kp = np.asarray(info['skeletons'], np.float64)
    except (TypeError, ValueError) as e:
        raise ValueError(f"{path}: field 'skeletons' is not a [T][20][3] "
                         f'array of numbers ({e})') from e
    if kp.ndim != 3 or kp.shape[1:] != (20, 3) or not len(kp):
        raise ValueError(f"{path}: field 'skeletons' has shape {kp.shape}, "
                         'expected (T, 20, 3)')
    label = info['label']
    if not isinstance(label, int) or not 1 <= label <= len(NW_UCLA_CLASSES):
        raise ValueError(f"{path}: field 'label' is {label!r}, expected "
                         f'1..{len(NW_UCLA_CLASSES)}')
    return kp, label - 1, str(info['file_name'])


def _check_frames(kp: np.ndarray, where: str) -> None:
    """Name the first frame and joint that is not finite."""
    bad = ~np.isfinite(kp).all(-1)
    if bad.any():
        t, v = np.argwhere(bad)[0]
        joint = get_layout(KINECT_V1_LAYOUT).joints[v]
        raise ValueError(f'{where}: frame {t}, joint {joint}: non-finite '
                         'coordinates')


def _files(src: str, pattern: str, regex: str) -> List[Tuple[str, tuple]]:
    """``(path, name fields)`` of the files matching ``regex``."""
    if not osp.isdir(src):
        raise FileNotFoundError(f'{src}: no such folder')
    found = []
    for path in sorted(glob.glob(osp.join(src, pattern))):
        m = re.fullmatch(regex, osp.basename(path))
        if m is None:
            raise ValueError(f'{path}: file name does not follow '
                             f'{regex!r}')
        found.append((path, tuple(int(g) for g in m.groups())))
    if not found:
        raise ValueError(f'{src}: no {pattern} file')
    return found


def _annotations(raw: List[Tuple[str, str, int, np.ndarray]],
                 splits: Dict[str, List[str]], classes: Tuple[str, ...],
                 preprocess: str) -> Dict:
    """Preprocess the checked clips; the annotation dict."""
    annos = []
    for path, name, label, kp in track_progress(raw):
        where = f"{path} ('{name}')"
        keypoint, frames = get_preprocessing(preprocess)(
            kp[None], 1, where, KINECT_V1_LAYOUT)
        annos.append(dict(frame_dir=name, label=label, keypoint=keypoint,
                          total_frames=frames))
    return dict(split=splits, annotations=annos, layout=KINECT_V1_LAYOUT,
                num_person=1, classes=list(classes), preprocess=preprocess)


def _read_all(items, read: Callable) -> List:
    """Read and check every clip before any is processed."""
    raw = []
    for path, name, label in items:
        kp = read(path)
        _check_frames(kp, f"{path} ('{name}')")
        raw.append((path, name, label, kp))
    return raw


def convert_utd_mhad(src: str, preprocess: str = 'umurl') -> Dict:
    """UTD-MHAD's ``aA_sS_tT_skeleton.mat`` files; cross-subject split:
    odd subjects ``xsub_train``, even ``xsub_val``."""
    get_preprocessing(preprocess)  # an unknown name before any work
    files = _files(src, '*_skeleton.mat',
                   r'a(\d+)_s(\d+)_t(\d+)_skeleton\.mat')
    items, splits = [], dict(xsub_train=[], xsub_val=[])
    for path, (a, s, t) in files:
        if not 1 <= a <= len(UTD_MHAD_CLASSES):
            raise ValueError(f'{path}: action {a} is not 1..27')
        name = f'a{a}_s{s}_t{t}'
        items.append((path, name, a - 1))
        splits['xsub_train' if s % 2 else 'xsub_val'].append(name)
    return _annotations(_read_all(items, read_utd_mhad), splits,
                        UTD_MHAD_CLASSES, preprocess)


def convert_msr_action3d(src: str,
                         file_list: Optional[str] = None,
                         preprocess: str = 'umurl') -> Dict:
    """MSR Action3D's ``aAA_sSS_eEE_skeleton3D.txt`` files: those the
    standard list names (``files_used_in_cvpr12_paper.txt`` in ``src``, or
    ``file_list``; every file if there is none); cross-subject split: odd
    subjects ``xsub_train``, even ``xsub_val``."""
    get_preprocessing(preprocess)  # an unknown name before any work
    files = _files(src, '*_skeleton3D.txt',
                   r'a(\d+)_s(\d+)_e(\d+)_skeleton3D\.txt')
    listed = file_list or osp.join(src, 'files_used_in_cvpr12_paper.txt')
    keep = None
    if file_list is not None or osp.exists(listed):
        with open(listed) as f:
            keep = {ln.split()[0] for ln in f if ln.strip()}
    items, splits = [], dict(xsub_train=[], xsub_val=[])
    for path, (a, s, e) in files:
        name = f'a{a:02d}_s{s:02d}_e{e:02d}'
        if keep is not None and name not in keep:
            continue
        if not 1 <= a <= len(MSR_ACTION3D_CLASSES):
            raise ValueError(f'{path}: action {a} is not 1..20')
        items.append((path, name, a - 1))
        splits['xsub_train' if s % 2 else 'xsub_val'].append(name)
    if keep is not None:
        lost = sorted(keep - {name for _, name, _ in items})
        if lost:
            raise ValueError(f'{listed}: {len(lost)} listed sequences have '
                             f'no file in {src}: {lost[:5]}')
    return _annotations(_read_all(items, read_msr_action3d), splits,
                        MSR_ACTION3D_CLASSES, preprocess)


def convert_nw_ucla(src: str, preprocess: str = 'umurl') -> Dict:
    """NW-UCLA's ``*.json`` files (CTR-GCN's ``all_sqe``); cross-view
    split: views 1 and 2 ``xview_train``, view 3 ``xview_val``."""
    get_preprocessing(preprocess)  # an unknown name before any work
    files = _files(src, '*.json', r'a(\d+)_s(\d+)_e(\d+)_v(\d+)\.json')
    raw, splits = [], dict(xview_train=[], xview_val=[])
    action_label = {}
    for path, (a, s, e, v) in files:
        kp, label, name = read_nw_ucla(path)
        if name != osp.basename(path)[:-len('.json')]:
            raise ValueError(f"{path}: field 'file_name' is {name!r}, not "
                             'the file name')
        if action_label.setdefault(a, label) != label:
            raise ValueError(f"{path}: field 'label' is {label + 1}, but "
                             f'other files of action a{a:02d} have '
                             f'{action_label[a] + 1}')
        _check_frames(kp, f"{path} ('{name}')")
        if v not in (1, 2, 3):
            raise ValueError(f'{path}: view {v} is not 1..3')
        raw.append((path, name, label, kp))
        splits['xview_val' if v == 3 else 'xview_train'].append(name)
    return _annotations(raw, splits, NW_UCLA_CLASSES, preprocess)


#: the converters by data set name
KINECT_V1_SETS = dict(utd_mhad=convert_utd_mhad,
                      msr_action3d=convert_msr_action3d,
                      nw_ucla=convert_nw_ucla)
