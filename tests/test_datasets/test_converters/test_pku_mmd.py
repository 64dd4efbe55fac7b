import numpy as np
import pytest

from umurl_mm.datasets.converters.pku_mmd import (convert_pku_mmd,
                                                  read_pku_labels)


def write_video(root, name, frames, intervals, seed=0):
    rng = np.random.default_rng(seed)
    data = rng.normal(0, 0.3, (frames, 150)) + np.tile([0, 0, 3], 50)
    data[:, 75:] = 0  # one person
    np.savetxt(root / 'skeleton' / f'{name}.txt', data, fmt='%.6f')
    with open(root / 'label' / f'{name}.txt', 'w') as f:
        for a, s, e in intervals:
            f.write(f'{a},{s},{e},1\n')
    return data


def test_convert(tmp_path):
    (tmp_path / 'skeleton').mkdir()
    (tmp_path / 'label').mkdir()
    write_video(tmp_path, 'A01N01-L', 100, [(3, 0, 30), (51, 40, 90)])
    write_video(tmp_path, 'A02N01-M', 80, [(1, 10, 50)], seed=1)
    (tmp_path / 'split.txt').write_text(
        'Training videos: \nA01N01-L, \nValidataion videos: \nA02N01-M\n')
    data = convert_pku_mmd(
        str(tmp_path / 'skeleton'), str(tmp_path / 'label'),
        str(tmp_path / 'split.txt'))
    assert data['split'] == {
        'xsub_train': ['A01N01-L_000', 'A01N01-L_001'],
        'xsub_val': ['A02N01-M_000']
    }
    annos = {a['frame_dir']: a for a in data['annotations']}
    assert annos['A01N01-L_001']['label'] == 50
    assert annos['A01N01-L_001']['keypoint'].shape == (2, 50, 25, 3)
    assert annos['A02N01-M_000']['total_frames'] == 40
    np.testing.assert_allclose(annos['A02N01-M_000']['keypoint'][0, :, 1],
                               0, atol=1e-6)


def test_bad_label_file(tmp_path):
    path = tmp_path / 'x.txt'
    path.write_text('3,10,5,1\n')
    with pytest.raises(ValueError, match='x.txt: line 1: bad interval'):
        read_pku_labels(str(path))
    path.write_text('a,b\n')
    with pytest.raises(ValueError, match='line 1: expected'):
        read_pku_labels(str(path))


def test_names_on_the_header_line(tmp_path):
    from umurl_mm.datasets.converters.pku_mmd import read_pku_split
    path = tmp_path / 'split.txt'
    path.write_text('Training videos: A01N01-L, A01N02-L,\nA01N03-L\n'
                    'Validataion videos: A02N01-M, \n')
    assert read_pku_split(str(path)) == dict(
        train=['A01N01-L', 'A01N02-L', 'A01N03-L'], val=['A02N01-M'])
