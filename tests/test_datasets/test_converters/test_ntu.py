import numpy as np
import pytest

from umurl_mm.datasets.converters.ntu import (convert_ntu_skeletons,
                                              ntu_splits, parse_name,
                                              read_skeleton_file)


def write_skeleton(path, bodies_per_frame, seed=0):
    """Write a file in the real NTU .skeleton text format."""
    rng = np.random.default_rng(seed)
    lines, coords = [str(len(bodies_per_frame))], []
    for t, nb in enumerate(bodies_per_frame):
        lines.append(str(nb))
        frame = []
        for b in range(nb):
            lines.append(f'7205{b} 0 1 1 1 1 0 0.1 -0.2 2')
            lines.append('25')
            xyz = rng.normal(0, 0.3, (25, 3)) + [0, 0, 3 + b]
            frame.append(xyz)
            for x, y, z in xyz:
                lines.append(f'{x:.7f} {y:.7f} {z:.7f} 270.1 190.2 '
                             '1001.3 541.2 0.1 0.2 0.3 0.9 2')
        coords.append(frame)
    path.write_text('\r\n'.join(lines) + '\r\n')
    return coords


def test_read_real_format(tmp_path):
    path = tmp_path / 'S001C002P003R001A010.skeleton'
    coords = write_skeleton(path, [1, 2, 2, 1])
    kp = read_skeleton_file(str(path))
    assert kp.shape == (4, 4, 25, 3)
    np.testing.assert_allclose(kp[1, 2], coords[2][1], atol=1e-6)
    assert not kp[1, 0].any() and not kp[2:].any()


def test_malformed_file(tmp_path):
    path = tmp_path / 'S001C002P003R001A010.skeleton'
    write_skeleton(path, [1, 1])
    text = path.read_text().splitlines()
    path.write_text('\n'.join(text[:20]))
    with pytest.raises(ValueError, match='S001C002P003R001A010.skeleton: '
                       'malformed'):
        read_skeleton_file(str(path))


def test_empty_file(tmp_path):
    path = tmp_path / 'S001C002P003R001A010.skeleton'
    path.write_text('')
    with pytest.raises(ValueError, match='S001C002P003R001A010.skeleton: '
                       'malformed .skeleton file near line 1'):
        read_skeleton_file(str(path))


def test_convert_with_splits_and_missing_list(tmp_path):
    names = ['S001C001P001R001A001', 'S001C002P003R001A002',
             'S002C003P007R002A003', 'S001C001P001R001A061']
    for i, n in enumerate(names):
        write_skeleton(tmp_path / f'{n}.skeleton', [2] * (20 + i), seed=i)
    files = [str(p) for p in tmp_path.glob('*.skeleton')]
    data = convert_ntu_skeletons(files, 'ntu60',
                                 ignored=['S001C002P003R001A002'])
    got = {a['frame_dir']: a for a in data['annotations']}
    assert set(got) == {'S001C001P001R001A001', 'S002C003P007R002A003'}
    anno = got['S002C003P007R002A003']
    assert anno['label'] == 2 and anno['total_frames'] == 22
    assert anno['keypoint'].shape == (2, 22, 25, 3)
    np.testing.assert_allclose(anno['keypoint'][0, :, 1], 0, atol=1e-6)
    assert data['split']['xsub_train'] == ['S001C001P001R001A001']
    assert data['split']['xview_train'] == ['S002C003P007R002A003']


def test_standard_splits():
    names = ['S001C001P045R001A001', 'S002C002P001R001A001',
             'S003C003P003R001A001']
    s120 = ntu_splits(names, 'ntu120')
    assert s120['xsub_train'] == names[:2]
    assert s120['xset_train'] == [names[1]]
    s60 = ntu_splits(names, 'ntu60')
    assert s60['xsub_train'] == [names[1]]
    assert s60['xview_train'] == names[1:]
    with pytest.raises(ValueError, match='not an NTU sample name'):
        parse_name('foo')


def test_other_joint_counts_are_rejected(tmp_path):
    path = tmp_path / 'S001C002P003R001A010.skeleton'
    write_skeleton(path, [1, 1])
    text = path.read_text().replace('\n25\n', '\n17\n', 1)
    path.write_text(text)
    with pytest.raises(ValueError, match=r'A010.skeleton: frame 0, body 0: '
                       '17 joints .* has 25'):
        read_skeleton_file(str(path))


def test_binary_garbage_names_the_file(tmp_path):
    path = tmp_path / 'S001C002P003R001A010.skeleton'
    path.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(ValueError, match='A010.skeleton: cannot read'):
        read_skeleton_file(str(path))


def test_tool_writes_nothing_when_every_sample_is_skipped(tmp_path):
    from tests.utils import run_tool
    name = 'S001C001P001R001A001'
    write_skeleton(tmp_path / f'{name}.skeleton', [1] * 5)
    (tmp_path / 'ignored.txt').write_text(name + '\n')
    out = tmp_path / 'out.pkl'
    proc = run_tool('tools/data/ntu_skeleton_to_pkl.py', str(tmp_path),
                    str(out), '--ignored', str(tmp_path / 'ignored.txt'))
    assert proc.returncode != 0 and not out.exists()
    assert f'no samples to write to {out}' in proc.stderr
    assert proc.stdout.count('\n') <= 12  # no line per sample in logs


@pytest.mark.parametrize('gaps', [
    dict(bodies=[1] * 90 + [0] * 10),  # trailing: 100 frames kept
    dict(bodies=[0] * 5 + [1] * 65),  # leading: 70 frames, not 65
    dict(bodies=[1] * 30 + [0] * 7 + [1] * 23),  # middle gap stays empty
    dict(bodies=[0] * 3 + [2] * 20 + [1] * 9 + [0] * 4 + [2] * 6 + [0] * 5),
])
def test_frame_counts_and_padding_equal_the_official_ones(tmp_path, gaps):
    from tests.reference_preprocess import official_preprocess
    from umurl_mm.datasets.preprocess import select_active_bodies
    name = 'S001C001P001R001A001'
    path = tmp_path / f'{name}.skeleton'
    write_skeleton(path, gaps['bodies'])
    anno = convert_ntu_skeletons([str(path)], 'ntu60')['annotations'][0]
    want, frames = official_preprocess(
        select_active_bodies(read_skeleton_file(str(path)).astype(float), 2))
    assert anno['total_frames'] == frames == len(gaps['bodies'])
    assert anno['keypoint'].shape == want.shape
    np.testing.assert_allclose(anno['keypoint'], want, atol=1e-5)
