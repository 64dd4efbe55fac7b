"""MAMP's data preparation against its specification: the actor
selection of NTU (the CTR-GCN/SGN denoising), the translation, single
persons, and the converters' ``--preprocess`` names."""
import numpy as np
import pytest

from umurl_mm.datasets import mamp_translate
from umurl_mm.datasets.converters.ntu import convert_ntu_skeletons
from umurl_mm.datasets.mamp_preprocess import mamp_select_bodies


def body(frames, motion=0.1, spread=(0.3, 1.0, 0.3), offset=0., seed=0):
    """``(n, 25, 3)`` joints: an upright body (y-range > x-range) swaying
    with amplitude ``motion``."""
    rng = np.random.default_rng(seed)
    shape = rng.uniform(-0.5, 0.5, (25, 3)) * spread
    t = np.arange(frames)[:, None, None]
    return shape + offset + motion * np.sin(t / 3.0 + np.arange(25)[:, None])


def frames_of(*bodies):
    """Per frame ``(id, joints)`` from ``(id, first frame, joints)``."""
    T = max(start + len(j) for _, start, j in bodies)
    out = [[] for _ in range(T)]
    for body_id, start, joints in bodies:
        for i, j in enumerate(joints):
            out[start + i].append((body_id, j))
    return out


def test_actors_by_motion_merged_without_overlap_else_slot_2():
    a = body(40, motion=0.5, seed=1)          # most motion: actor 1
    b = body(20, motion=0.2, seed=2)          # frames 40-59: joins actor 1
    c = body(30, motion=0.1, seed=3)          # overlaps actor 1: actor 2
    d = body(30, motion=0.05, seed=4)         # overlaps both: dropped
    out = mamp_select_bodies(frames_of(('a', 0, a), ('b', 40, b),
                                       ('c', 5, c), ('d', 10, d)))
    assert out.shape == (2, 60, 25, 3)
    np.testing.assert_array_equal(out[0, :40], a)
    np.testing.assert_array_equal(out[0, 40:], b)
    np.testing.assert_array_equal(out[1, 5:35], c)
    assert not out[1, :5].any() and not out[1, 35:].any()


def test_short_and_noisy_bodies_are_dropped():
    a = body(30, motion=0.1, seed=1)
    short = body(11, motion=0.9, seed=2)            # <= 11 frames
    lying = body(30, motion=0.9, spread=(1.0, 0.2, 0.3), seed=3)
    out = mamp_select_bodies(frames_of(('a', 0, a), ('s', 0, short),
                                       ('l', 0, lying)))
    np.testing.assert_array_equal(out[0], a)
    assert not out[1].any()
    # one body alone is kept whatever its length
    alone = mamp_select_bodies(frames_of(('s', 0, short)))
    np.testing.assert_array_equal(alone[0], short)


def test_empty_frames_are_dropped():
    a = body(10, seed=1)
    frames = [[]] * 3 + frames_of(('a', 0, a)) + [[]] * 2
    out = mamp_select_bodies(frames)
    assert out.shape[1] == 10
    with pytest.raises(ValueError, match='clip.skeleton: no body'):
        mamp_select_bodies([[], []], 'clip.skeleton')


def test_translation_and_single_persons():
    kp = np.zeros((2, 6, 25, 3))
    kp[0] = body(6, seed=1) + [1.0, 2.0, 3.0]
    out, frames = mamp_translate(kp, 2, 'x')
    origin = kp[0, 0, 1]  # NTU joint 2 of actor 1, first frame
    np.testing.assert_allclose(out[0], kp[0] - origin, rtol=0, atol=1e-6)
    assert frames == 6 and not out[1].any()  # NTU-60: the partner zero
    dup, _ = mamp_translate(kp, 2, 'x', duplicate_single=True)
    np.testing.assert_array_equal(dup[1], dup[0])  # NTU-120: duplicated
    raw, _ = mamp_translate(kp, 2, 'x', translate=False)
    np.testing.assert_allclose(raw, kp, rtol=0, atol=1e-6)  # PKU-MMD


def write_bodies(path, frames):
    lines = [str(len(frames))]
    for bodies in frames:
        lines.append(str(len(bodies)))
        for body_id, joints in bodies:
            lines += [f'{body_id} 0 1 1 1 1 0 0.1 -0.2 2', '25']
            lines += [f'{x:.7f} {y:.7f} {z:.7f} 1 2 3 4 0 0 0 1 2'
                      for x, y, z in joints]
    path.write_text('\r\n'.join(lines) + '\r\n')


def test_ntu_converter_with_mamp_preparation(tmp_path):
    a = body(30, motion=0.5, seed=1)
    c = body(30, motion=0.1, seed=2)
    # the file lists the less moving body first: MAMP orders by motion
    write_bodies(tmp_path / 'S001C001P001R001A001.skeleton',
                 frames_of(('72057', 0, c), ('72058', 0, a)))
    files = [str(tmp_path / 'S001C001P001R001A001.skeleton')]
    data = convert_ntu_skeletons(files, 'ntu60', preprocess='mamp')
    assert data['preprocess'] == 'mamp'
    kp = data['annotations'][0]['keypoint']
    origin = np.round(a[0, 1], 7)
    np.testing.assert_allclose(kp[0], np.round(a, 7) - origin, atol=1e-5)
    np.testing.assert_allclose(kp[1], np.round(c, 7) - origin, atol=1e-5)
    with pytest.raises(ValueError, match='preprocess must be one of'):
        convert_ntu_skeletons(files, 'ntu60', preprocess='mae')
