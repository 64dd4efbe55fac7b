"""Kinect v1 sets in their native formats (UTD-MHAD .mat, MSR Action3D
.txt, NW-UCLA .json) to the 'kinect_v1' layout: generated files in each
format, and the real UTD-MHAD and MSR Action3D recordings where
UMURL_MM_REAL_SKELETONS names their folder (.ci/run sets it)."""
import json
import os

import numpy as np
import pytest
from scipy.io import savemat

from tests.utils import run_tool
from umurl_mm.datasets import UmURLPoseDataset
from umurl_mm.datasets.converters import (convert_msr_action3d,
                                          convert_nw_ucla, convert_utd_mhad)
from umurl_mm.datasets.converters.kinect_v1 import (MSR_TO_SDK, UTD_TO_SDK,
                                                    read_msr_action3d,
                                                    read_utd_mhad)

REAL = os.environ.get('UMURL_MM_REAL_SKELETONS')
NO_REAL = 'no real recordings: UMURL_MM_REAL_SKELETONS is not set (.ci/run ' \
    'sets it to ../shared/data/real_skeletons when that folder exists)'


def body(frames, seed):
    """``(T, 20, 3)`` SDK-ordered joints of a plausible moving body."""
    rng = np.random.default_rng(seed)
    rest = rng.normal(scale=0.3, size=(20, 3)) + [0, 0, 2.5]
    rest[4], rest[8] = [0.2, 0.4, 2.5], [-0.2, 0.4, 2.5]  # shoulders
    t = np.arange(frames)[:, None, None]
    return rest + 0.05 * np.sin(t / 5 + rng.normal(size=(20, 3)))


def write_utd(folder, a, s, t, kp):
    native = np.empty_like(kp)
    native[:, UTD_TO_SDK] = kp  # back to UTD-MHAD's joint order
    savemat(str(folder / f'a{a}_s{s}_t{t}_skeleton.mat'),
            {'d_skel': native.transpose(1, 2, 0)})


def write_msr(folder, a, s, e, kp):
    native = np.empty((len(kp), 20, 4))
    native[:, MSR_TO_SDK, :3] = kp * [-1, 1, 1]  # MSR's mirrored x
    native[..., 3] = 1
    lines = [' '.join(f'{v:.6f}' for v in row)
             for row in native.reshape(-1, 4)]
    (folder / f'a{a:02d}_s{s:02d}_e{e:02d}_skeleton3D.txt').write_text(
        '\n'.join(lines) + '\n')


def write_ucla(folder, a, s, e, v, label, kp):
    name = f'a{a:02d}_s{s:02d}_e{e:02d}_v{v:02d}'
    (folder / f'{name}.json').write_text(json.dumps(
        dict(file_name=name, skeletons=kp.tolist(), label=label)))


def test_readers_put_the_joints_in_the_sdk_order(tmp_path):
    kp = body(9, 0)
    write_utd(tmp_path, 1, 1, 1, kp)
    np.testing.assert_allclose(
        read_utd_mhad(str(tmp_path / 'a1_s1_t1_skeleton.mat')), kp)
    write_msr(tmp_path, 1, 1, 1, kp)
    np.testing.assert_allclose(read_msr_action3d(
        str(tmp_path / 'a01_s01_e01_skeleton3D.txt')), kp, atol=1e-6)
    # the maps are permutations: each native joint used once
    assert sorted(UTD_TO_SDK) == sorted(MSR_TO_SDK) == list(range(20))


@pytest.mark.parametrize('name', ['utd_mhad', 'msr_action3d', 'nw_ucla'])
def test_conversion_names_splits_classes_layout(tmp_path, name):
    src = tmp_path / name
    src.mkdir()
    for i, subject in enumerate((1, 2, 3, 4)):
        kp = body(30 + i, i)
        if name == 'utd_mhad':
            write_utd(src, 2, subject, 1, kp)
        elif name == 'msr_action3d':
            write_msr(src, 2, subject, 1, kp)
        else:
            write_ucla(src, 2, subject, 0, 1 + i % 3, 2, kp)
    convert = dict(utd_mhad=convert_utd_mhad,
                   msr_action3d=convert_msr_action3d,
                   nw_ucla=convert_nw_ucla)[name]
    data = convert(str(src))
    assert (data['layout'], data['num_person']) == ('kinect_v1', 1)
    assert len(data['classes']) == {'utd_mhad': 27, 'msr_action3d': 20,
                                    'nw_ucla': 10}[name]
    sizes = {k: len(v) for k, v in data['split'].items()}
    assert sizes == ({'xview_train': 3, 'xview_val': 1} if name == 'nw_ucla'
                     else {'xsub_train': 2, 'xsub_val': 2})
    for anno in data['annotations']:
        assert anno['label'] == 1
        assert anno['keypoint'].shape == (1, anno['total_frames'], 20, 3)
        # normalised: centred on the spine, left -> right shoulder on +x
        np.testing.assert_allclose(anno['keypoint'][0, :, 1], 0, atol=1e-5)
        shoulders = anno['keypoint'][0, 0, 8] - anno['keypoint'][0, 0, 4]
        assert shoulders[0] > 0 and abs(shoulders[1:]).max() < 1e-5


def test_bad_files_are_named_with_frame_and_field(tmp_path):
    kp = body(12, 0)
    kp[5, 7] = np.nan
    write_utd(tmp_path, 3, 1, 1, kp)
    with pytest.raises(ValueError) as e:
        convert_utd_mhad(str(tmp_path))
    assert 'a3_s1_t1_skeleton.mat' in str(e.value)
    assert 'frame 5, joint left_hand: non-finite' in str(e.value)
    msr = tmp_path / 'msr'
    msr.mkdir()
    write_msr(msr, 1, 1, 1, body(3, 0))
    path = msr / 'a01_s01_e01_skeleton3D.txt'
    lines = path.read_text().splitlines()
    lines[25] = '0.1 0.2 oops 1'
    path.write_text('\n'.join(lines))
    with pytest.raises(ValueError, match=r'skeleton3D.txt: line 26 \(frame '
                       r'1, joint 6\): expected 4 numbers'):
        convert_msr_action3d(str(msr))
    ucla = tmp_path / 'ucla'
    ucla.mkdir()
    write_ucla(ucla, 1, 1, 0, 1, 1, body(5, 0))
    write_ucla(ucla, 1, 2, 0, 1, 2, body(5, 1))
    with pytest.raises(ValueError, match="field 'label' is 2, but other "
                       'files of action a01 have 1'):
        convert_nw_ucla(str(ucla))


def test_dataset_refuses_another_layout_or_person_count(tmp_path):
    import mmengine
    for i, subject in enumerate((1, 2)):
        write_utd(tmp_path, 1, subject, 1, body(20, i))
    path = str(tmp_path / 'utd.pkl')
    mmengine.dump(convert_utd_mhad(str(tmp_path)), path)
    ds = UmURLPoseDataset(path, [], split='xsub_train', layout='kinect_v1',
                          num_person=1)
    assert len(ds) == 1
    with pytest.raises(ValueError, match="holds 'kinect_v1' skeletons but "
                       "the config reads them as 'nturgb\\+d'"):
        UmURLPoseDataset(path, [], split='xsub_train')
    with pytest.raises(ValueError, match='holds 1 person.* expects '
                       'num_person=2'):
        UmURLPoseDataset(path, [], layout='kinect_v1', num_person=2)


def test_tool_converts_and_names_bad_input(tmp_path):
    src = tmp_path / 'all_sqe'
    src.mkdir()
    write_ucla(src, 1, 1, 0, 3, 1, body(8, 0))
    out = str(tmp_path / 'ucla.pkl')
    proc = run_tool('tools/data/kinect_v1_to_pkl.py', 'nw_ucla', str(src),
                    out)
    assert proc.returncode == 0, proc.stderr
    assert "wrote 1 samples" in proc.stdout and "'xview_val': 1" in \
        proc.stdout
    (src / 'a01_s02_e00_v01.json').write_text('{"file_name": 1}')
    proc = run_tool('tools/data/kinect_v1_to_pkl.py', 'nw_ucla', str(src),
                    out)
    assert proc.returncode == 1
    assert "a01_s02_e00_v01.json: no field 'skeletons'" in proc.stderr
    proc = run_tool('tools/data/kinect_v1_to_pkl.py', 'kinect', str(src),
                    out)
    assert proc.returncode == 2 and 'utd_mhad' in proc.stderr


@pytest.fixture(scope='module')
def real_sets():
    if not REAL:
        pytest.skip(NO_REAL)
    return dict(
        utd_mhad=convert_utd_mhad(os.path.join(REAL, 'utd_mhad')),
        msr_action3d=convert_msr_action3d(os.path.join(REAL,
                                                       'msr_action3d')))


@pytest.mark.parametrize('name,count,train,test,classes', [
    ('utd_mhad', 861, 431, 430, 27), ('msr_action3d', 557, 284, 273, 20)])
def test_real_recordings_convert_with_their_standard_splits(
        real_sets, name, count, train, test, classes):
    data = real_sets[name]
    assert len(data['annotations']) == count
    assert [len(data['split'][k]) for k in ('xsub_train', 'xsub_val')] == [
        train, test]
    assert len({a['label'] for a in data['annotations']}) == classes


def test_real_recordings_share_one_handedness(real_sets):
    """The subjects act with their right hand: after the reordering the
    SDK's right wrist moves more than the left in most clips; and the feet
    point the same way (forward) in both sets after normalisation, which
    a mirrored set would not."""
    for data in real_sets.values():
        def motion(a, joint):
            kp = a['keypoint'][0, :a['total_frames'], joint]
            return np.abs(np.diff(kp, axis=0)).sum()

        annos = data['annotations']
        right = np.mean([motion(a, 10) > motion(a, 6) for a in annos])
        assert right > 0.6
        toes = np.mean([(a['keypoint'][0, :, [15, 19]] -
                         a['keypoint'][0, :, [14, 18]]).mean((0, 1))[2]
                        for a in annos])
        assert toes < 0
