"""Skeleton layouts as one concept: joint names, bones, centre joints,
shoulder pair and coordinate count of every layout the project knows
(NTU RGB+D / Kinect v2 25 3D, Kinect v1 20 3D, Human3.6M 17 3D as MMPose's
pose lifters write it, COCO-17 2D, OpenPose-18 2D) or a config defines.

Indexing: bone pairs are 1-based (MMAction2's and the official code's
convention, ``bone[v1] = joint[v1] - joint[v2]``); the centre and shoulder
joints are 0-based (array indices). Bones of
MMAction2's graph layouts come from ``mmaction.models.utils.Graph``; NTU
keeps UmURL's own (see :data:`NTU_BONE_PAIRS`)."""
from dataclasses import dataclass, fields
from typing import Dict, List, Sequence, Tuple, Union

from mmaction.models.utils import Graph

#: MMAction2's name of the NTU RGB+D (Kinect v2) layout.
NTU_LAYOUT = 'nturgb+d'
#: Joints of an NTU RGB+D skeleton.
NTU_NUM_JOINTS = 25
#: 0-based NTU joints used by UmURL's preprocessing: joint 2 (middle of the
#: spine) is the per-frame centre, joints 5 -> 9 (left -> right shoulder)
#: are turned onto +x.
SPINE_MID, LEFT_SHOULDER, RIGHT_SHOULDER = 1, 4, 8

#: Joint counts of common layouts, to say what data probably is.
KNOWN_LAYOUTS: Dict[int, str] = {
    25: 'NTU RGB+D (Kinect v2)',
    20: 'Kinect v1',
    17: 'COCO-17',
    18: 'OpenPose-18'
}
#: The Kinect SDK v1 skeleton (NW-UCLA, UTKinect, Florence 3D; UTD-MHAD
#: and MSR Action3D after their converters reorder them).
KINECT_V1_LAYOUT = 'kinect_v1'
#: MMPose's Human3.6M 17-joint 3D layout (its pose lifters' output).
H36M_LAYOUT = 'h36m'


def layout_bone_pairs(layout: str) -> Tuple[Tuple[int, int], ...]:
    """1-based ``(v1, v2)`` bone pairs of an MMAction2 graph layout:
    ``bone[v1] = joint[v1] - joint[v2]``, one per joint; the layout's
    centre joint is its own parent (a zero bone).

    Args:
        layout (str): ``'nturgb+d'``, ``'coco'`` or ``'openpose'``.

    Returns:
        tuple: The pairs, ordered by ``v1``.
    """
    graph = Graph(layout)
    pairs = [(v1 + 1, v2 + 1) for v1, v2 in graph.inward]
    pairs.append((graph.center + 1, graph.center + 1))
    return tuple(sorted(pairs))


#: UmURL's NTU bone pairs (the spec's, 1-based). Not taken from MMAction2's
#: ``nturgb+d`` graph: that one hangs the hand tips 22 and 24 on the hands
#: (8, 12), UmURL on the thumbs (23, 25), and the official weights were
#: trained on UmURL's (``tests/test_datasets/test_layout.py`` pins the
#: difference). Other layouts use :func:`layout_bone_pairs`.
NTU_BONE_PAIRS: Tuple[Tuple[int, int], ...] = (
    (1, 2), (2, 21), (3, 21), (4, 3), (5, 21), (6, 5), (7, 6), (8, 7),
    (9, 21), (10, 9), (11, 10), (12, 11), (13, 1), (14, 13), (15, 14),
    (16, 15), (17, 1), (18, 17), (19, 18), (20, 19), (21, 21), (22, 23),
    (23, 8), (24, 25), (25, 12))


def bone_parents(pairs: Sequence[Sequence[int]], num_joints: int) -> List:
    """Turn 1-based ``(v1, v2)`` bone pairs into a 0-based parent list.

    Args:
        pairs (Sequence[Sequence[int]]): Bone pairs, one per joint.
        num_joints (int): Number of joints V.

    Returns:
        list: ``parents[v]`` is the 0-based joint that bone ``v`` starts at.
    """
    parents = [None] * num_joints
    for v1, v2 in pairs:
        if not (1 <= v1 <= num_joints and 1 <= v2 <= num_joints):
            raise ValueError(f'bone pair ({v1}, {v2}) is outside joints '
                             f'1..{num_joints}')
        parents[v1 - 1] = v2 - 1
    missing = [i + 1 for i, p in enumerate(parents) if p is None]
    if missing:
        raise ValueError(f'bone pairs give no bone for joints {missing}')
    return parents


@dataclass(frozen=True)
class SkeletonLayout:
    """What the pipeline, the encoder and the converters need to know of a
    skeleton.

    Attributes:
        name (str): Layout name (MMAction2's graph name where there is one).
        joints (tuple[str]): Joint names, in data order.
        bone_pairs (tuple): 1-based ``(v1, v2)`` pairs, one per joint
            (``bone[v1] = joint[v1] - joint[v2]``).
        center (tuple[int]): 0-based joints whose mean is the body centre
            that every frame is centred on.
        shoulders (tuple[int, int]): 0-based (left, right) shoulders; 3D
            data turns this vector onto +x.
        num_coords (int): Coordinates per joint as stored: 3 (x, y, z) or 2
            (x, y in pixels, with ``keypoint_score`` and ``img_shape``).
    """
    name: str
    joints: Tuple[str, ...]
    bone_pairs: Tuple[Tuple[int, int], ...]
    center: Tuple[int, ...]
    shoulders: Tuple[int, int]
    num_coords: int

    def __post_init__(self) -> None:
        num = len(self.joints)
        bone_parents(self.bone_pairs, num)  # one bone per joint, in range
        bad = [v for v in (*self.center, *self.shoulders)
               if not 0 <= v < num]
        if bad or not self.center or len(self.shoulders) != 2:
            raise ValueError(
                f'layout {self.name!r}: centre {self.center} and shoulders '
                f'{self.shoulders} must be 0-based joints in 0..{num - 1} '
                '(at least one centre joint, two shoulders)')
        if self.num_coords not in (2, 3):
            raise ValueError(f'layout {self.name!r}: num_coords must be 2 '
                             f'or 3, got {self.num_coords}')

    @property
    def num_joints(self) -> int:
        """Number of joints V."""
        return len(self.joints)

    @property
    def parents(self) -> List[int]:
        """0-based start joint of each bone."""
        return bone_parents(self.bone_pairs, self.num_joints)


_NTU_JOINTS = (
    'spine_base', 'spine_mid', 'neck', 'head', 'left_shoulder',
    'left_elbow', 'left_wrist', 'left_hand', 'right_shoulder',
    'right_elbow', 'right_wrist', 'right_hand', 'left_hip', 'left_knee',
    'left_ankle', 'left_foot', 'right_hip', 'right_knee', 'right_ankle',
    'right_foot', 'spine_shoulder', 'left_hand_tip', 'left_thumb',
    'right_hand_tip', 'right_thumb')
_KINECT_V1_JOINTS = (
    'hip_center', 'spine', 'shoulder_center', 'head', 'left_shoulder',
    'left_elbow', 'left_wrist', 'left_hand', 'right_shoulder',
    'right_elbow', 'right_wrist', 'right_hand', 'left_hip', 'left_knee',
    'left_ankle', 'left_foot', 'right_hip', 'right_knee', 'right_ankle',
    'right_foot')
#: NTU's bone tree on Kinect v1 joints: rooted at the shoulder centre,
#: the hip centre hanging on the spine, the limbs outwards
_KINECT_V1_BONES = (
    (1, 2), (2, 3), (3, 3), (4, 3), (5, 3), (6, 5), (7, 6), (8, 7), (9, 3),
    (10, 9), (11, 10), (12, 11), (13, 1), (14, 13), (15, 14), (16, 15),
    (17, 1), (18, 17), (19, 18), (20, 19))
_H36M_JOINTS = (
    'root', 'right_hip', 'right_knee', 'right_foot', 'left_hip', 'left_knee',
    'left_foot', 'spine', 'thorax', 'neck_base', 'head', 'left_shoulder',
    'left_elbow', 'left_wrist', 'right_shoulder', 'right_elbow',
    'right_wrist')
#: rooted at the thorax like NTU's tree at the shoulder centre
_H36M_BONES = (
    (1, 8), (2, 1), (3, 2), (4, 3), (5, 1), (6, 5), (7, 6), (8, 9), (9, 9),
    (10, 9), (11, 10), (12, 9), (13, 12), (14, 13), (15, 9), (16, 15),
    (17, 16))
_COCO_JOINTS = (
    'nose', 'left_eye', 'right_eye', 'left_ear', 'right_ear',
    'left_shoulder', 'right_shoulder', 'left_elbow', 'right_elbow',
    'left_wrist', 'right_wrist', 'left_hip', 'right_hip', 'left_knee',
    'right_knee', 'left_ankle', 'right_ankle')
_OPENPOSE_JOINTS = (
    'nose', 'neck', 'right_shoulder', 'right_elbow', 'right_wrist',
    'left_shoulder', 'left_elbow', 'left_wrist', 'right_hip', 'right_knee',
    'right_ankle', 'left_hip', 'left_knee', 'left_ankle', 'right_eye',
    'left_eye', 'right_ear', 'left_ear')


def _builtin_layouts() -> Dict[str, SkeletonLayout]:
    # 2D centres: the mean of shoulders and hips, the torso centre (like
    # NTU's mid-spine); MMAction2's graph centres (nose, neck) move with
    # the head
    return {
        NTU_LAYOUT:
        SkeletonLayout(NTU_LAYOUT, _NTU_JOINTS, NTU_BONE_PAIRS, (SPINE_MID, ),
                       (LEFT_SHOULDER, RIGHT_SHOULDER), 3),
        KINECT_V1_LAYOUT:
        SkeletonLayout(KINECT_V1_LAYOUT, _KINECT_V1_JOINTS, _KINECT_V1_BONES,
                       (1, ), (4, 8), 3),
        H36M_LAYOUT:
        SkeletonLayout(H36M_LAYOUT, _H36M_JOINTS, _H36M_BONES, (7, ),
                       (11, 14), 3),
        'coco':
        SkeletonLayout('coco', _COCO_JOINTS, layout_bone_pairs('coco'),
                       (5, 6, 11, 12), (5, 6), 2),
        'openpose':
        SkeletonLayout('openpose', _OPENPOSE_JOINTS,
                       layout_bone_pairs('openpose'), (2, 5, 8, 11), (5, 2),
                       2),
    }


BUILTIN_LAYOUTS: Dict[str, SkeletonLayout] = _builtin_layouts()


def get_layout(layout: Union[str, dict, SkeletonLayout]) -> SkeletonLayout:
    """The :class:`SkeletonLayout` a config names.

    Args:
        layout (str | dict | SkeletonLayout): A built-in name
            (``'nturgb+d'``, ``'kinect_v1'``, ``'h36m'``, ``'coco'``,
            ``'openpose'``), the path of a ``.json`` file holding a layout
            dict (its ``name`` defaults to the file's), or a dict of
            :class:`SkeletonLayout` fields. A dict whose ``name`` is
            built-in starts from that layout (e.g. ``dict(name='coco',
            num_coords=3)`` for lifted 3D COCO joints); ``joints`` may be a
            count instead of names.

    Returns:
        SkeletonLayout: The layout.
    """
    if isinstance(layout, SkeletonLayout):
        return layout
    if isinstance(layout, str) and layout.endswith('.json'):
        return _layout_file(layout)
    if isinstance(layout, str):
        if layout not in BUILTIN_LAYOUTS:
            keys = [f.name for f in fields(SkeletonLayout)]
            raise ValueError(f'unknown skeleton layout {layout!r}; built-in: '
                             f'{sorted(BUILTIN_LAYOUTS)}, or give a dict '
                             f'with {keys}')
        return BUILTIN_LAYOUTS[layout]
    if not isinstance(layout, dict):
        raise TypeError(f'a layout is a name or a dict, got {layout!r}')
    known = {f.name for f in fields(SkeletonLayout)}
    unknown = sorted(set(layout) - known)
    if unknown:
        raise ValueError(f'layout {layout!r}: unknown keys {unknown}; use '
                         f'{sorted(known)}')
    spec = dict(layout)
    base = BUILTIN_LAYOUTS.get(spec.get('name'))
    if base is not None:
        spec = {**{f.name: getattr(base, f.name) for f in fields(base)},
                **spec}
    missing = sorted(known - set(spec))
    if missing:
        raise ValueError(f'layout {layout!r}: missing {missing}')
    if isinstance(spec['joints'], int):
        spec['joints'] = tuple(f'joint_{i}' for i in range(spec['joints']))
    return SkeletonLayout(
        name=str(spec['name']),
        joints=tuple(spec['joints']),
        bone_pairs=tuple(tuple(p) for p in spec['bone_pairs']),
        center=tuple(spec['center']),
        shoulders=tuple(spec['shoulders']),
        num_coords=int(spec['num_coords']))


def _layout_file(path: str) -> SkeletonLayout:
    """The layout a JSON file holds (a dict of :class:`SkeletonLayout`
    fields; ``name`` defaults to the file name without ``.json``)."""
    import json
    import os.path as osp
    try:
        with open(path) as f:
            spec = json.load(f)
    except (OSError, ValueError) as e:
        raise ValueError(f'layout file {path}: cannot read it as JSON '
                         f'({e})') from e
    if not isinstance(spec, dict):
        raise ValueError(f'layout file {path}: expected a JSON object of '
                         f'{[f.name for f in fields(SkeletonLayout)]}')
    spec.setdefault('name', osp.basename(path)[:-len('.json')])
    try:
        return get_layout(spec)
    except (TypeError, ValueError) as e:
        raise ValueError(f'layout file {path}: {e}') from e
