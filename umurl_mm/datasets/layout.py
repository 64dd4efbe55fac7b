"""Skeleton layout facts in one place: joint count, bones, centre joint and
shoulder pair of the layouts the project knows. Bones of other layouts come
from MMAction2's graph layouts (``mmaction.models.utils.Graph``)."""
from typing import Dict, List, Sequence, Tuple

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
    17: 'COCO-17',
    18: 'OpenPose-18'
}


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
