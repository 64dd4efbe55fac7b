from umurl_mm.datasets import NTU_BONE_PAIRS, bone_parents, layout_bone_pairs

SPEC_BONES = {(1, 2), (2, 21), (3, 21), (4, 3), (5, 21), (6, 5), (7, 6),
              (8, 7), (9, 21), (10, 9), (11, 10), (12, 11), (13, 1), (14, 13),
              (15, 14), (16, 15), (17, 1), (18, 17), (19, 18), (20, 19),
              (21, 21), (22, 23), (23, 8), (24, 25), (25, 12)}


def test_ntu_bones_are_the_spec_and_differ_from_mmaction_at_the_hands():
    assert set(NTU_BONE_PAIRS) == SPEC_BONES
    mmaction = set(layout_bone_pairs('nturgb+d'))
    assert SPEC_BONES - mmaction == {(22, 23), (24, 25)}
    assert mmaction - SPEC_BONES == {(22, 8), (24, 12)}


def test_mmaction_layouts_give_one_bone_per_joint():
    for layout, joints in (('coco', 17), ('openpose', 18), ('nturgb+d', 25)):
        parents = bone_parents(layout_bone_pairs(layout), joints)
        assert len(parents) == joints and None not in parents


def test_kinect_v1_and_h36m_layouts_are_trees_of_their_named_joints():
    from umurl_mm.datasets.layout import get_layout
    for name, root, centre in (('kinect_v1', 'shoulder_center', 'spine'),
                               ('h36m', 'thorax', 'spine')):
        layout = get_layout(name)
        joints, parents = layout.joints, layout.parents
        assert joints[layout.center[0]] == centre
        assert [joints[v] for v in layout.shoulders] == [
            'left_shoulder', 'right_shoulder']
        assert [joints[v] for v, p in enumerate(parents) if v == p] == [root]
        for v in range(len(joints)):  # every joint reaches the root
            seen = set()
            while parents[v] != v:
                assert v not in seen
                seen.add(v)
                v = parents[v]
        for v, p in enumerate(parents):  # no bone crosses the body
            sides = {joints[v].split('_')[0], joints[p].split('_')[0]}
            assert sides != {'left', 'right'}, (name, joints[v], joints[p])
