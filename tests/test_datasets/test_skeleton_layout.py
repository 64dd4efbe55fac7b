"""SkeletonLayout: the built-in layouts and layouts defined in configs."""
import pytest

from umurl_mm.datasets import (BUILTIN_LAYOUTS, NTU_BONE_PAIRS, get_layout,
                               layout_bone_pairs)


def test_builtin_layouts():
    ntu = get_layout('nturgb+d')
    assert ntu.bone_pairs == NTU_BONE_PAIRS and ntu.num_coords == 3
    assert ntu.center == (1, ) and ntu.shoulders == (4, 8)
    coco = get_layout('coco')
    assert coco.num_joints == 17 and coco.num_coords == 2
    assert coco.bone_pairs == layout_bone_pairs('coco')
    assert [coco.joints[i] for i in coco.shoulders] == [
        'left_shoulder', 'right_shoulder']
    op = get_layout('openpose')
    assert [op.joints[i] for i in op.shoulders] == [
        'left_shoulder', 'right_shoulder']
    for layout in BUILTIN_LAYOUTS.values():
        assert len(layout.parents) == layout.num_joints


def test_custom_layouts_and_their_errors():
    lifted = get_layout(dict(name='coco', num_coords=3))
    assert lifted.num_coords == 3 and lifted.num_joints == 17
    own = get_layout(dict(name='own', joints=3,
                          bone_pairs=[(1, 1), (2, 1), (3, 2)], center=[0],
                          shoulders=[1, 2], num_coords=3))
    assert own.joints == ('joint_0', 'joint_1', 'joint_2')
    assert own.parents == [0, 0, 1]
    with pytest.raises(ValueError, match='unknown skeleton layout'):
        get_layout('kinect')
    with pytest.raises(ValueError, match=r"unknown keys \['bones'\]"):
        get_layout(dict(name='coco', bones=[]))
    with pytest.raises(ValueError, match='missing'):
        get_layout(dict(name='own', joints=3))
    with pytest.raises(ValueError, match='no bone for joints'):
        get_layout(dict(name='own', joints=3, bone_pairs=[(1, 1)],
                        center=[0], shoulders=[1, 2], num_coords=3))
    with pytest.raises(ValueError, match='shoulders'):
        get_layout(dict(name='coco', shoulders=[5, 40]))
