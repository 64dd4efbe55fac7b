"""Pickles from elsewhere: MMAction2's formats load unchanged, a crafted
file is refused by name before anything of it runs."""
import os
import pickle

import mmengine
import numpy as np
import pytest
import torch

from umurl_mm.testing.synthetic import make_synthetic_dataset
from umurl_mm.fileio import (TRUST_ENV, UnsafeFileError, load_data_file,
                             load_pickle)


class RunsCode:
    """Unpickling this runs ``touch MARKER``."""

    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        return os.system, (f'touch {self.marker}', )


def crafted(path, marker, wrap=lambda x: x):
    with open(path, 'wb') as f:
        pickle.dump(wrap(RunsCode(marker)), f)
    return str(path)


@pytest.mark.parametrize('two_d', [False, True])
def test_mmaction2_pose_files_load_unchanged(tmp_path, two_d):
    data = make_synthetic_dataset(num_subjects=2, num_reps=1, num_classes=2,
                                  two_d=two_d)
    data['annotations'][0]['keypoint'] = \
        data['annotations'][0]['keypoint'].astype(np.float16)
    path = str(tmp_path / 'pose.pkl')
    mmengine.dump(data, path)
    loaded = load_pickle(path)
    assert loaded['split'] == data['split']
    for a, b in zip(loaded['annotations'], data['annotations']):
        assert a.keys() == b.keys()
        for k in a:
            if isinstance(b[k], np.ndarray):
                assert a[k].dtype == b[k].dtype
                np.testing.assert_array_equal(a[k], b[k])
            else:
                assert a[k] == b[k] and type(a[k]) is type(b[k]), k


def test_scalars_sets_and_tensors_load(tmp_path):
    obj = dict(s={1, 2}, f=frozenset('ab'), n=np.float32(1.5), i=np.int64(3),
               b=b'', t=torch.arange(3), shape=(1080, 1920), c=1 + 2j)
    path = tmp_path / 'x.pkl'
    path.write_bytes(pickle.dumps(obj, protocol=2))
    loaded = load_pickle(str(path))
    assert loaded.keys() == obj.keys()
    assert torch.equal(loaded.pop('t'), obj.pop('t'))
    assert loaded == obj


@pytest.mark.parametrize('wrap', [
    lambda x: x,
    lambda x: dict(annotations=[dict(frame_dir='a', keypoint=x)]),
])
def test_crafted_pickle_is_refused_by_name(tmp_path, wrap):
    marker = tmp_path / 'MARKER'
    path = crafted(tmp_path / 'evil.pkl', marker, wrap)
    with pytest.raises(UnsafeFileError) as err:
        load_pickle(path)
    assert path in str(err.value) and "'posix.system'" in str(err.value)
    assert TRUST_ENV in str(err.value)
    assert not marker.exists()


def test_trusted_files_load_with_plain_pickle(tmp_path, monkeypatch):
    marker = tmp_path / 'MARKER'
    path = crafted(tmp_path / 'trusted.pkl', marker)
    monkeypatch.setenv(TRUST_ENV, '1')
    load_pickle(path)
    assert marker.exists()  # what the switch is for: files you trust


def test_data_files_are_pickle_or_json(tmp_path):
    (tmp_path / 'a.json').write_text('{"annotations": []}')
    assert load_data_file(str(tmp_path / 'a.json')) == dict(annotations=[])
    (tmp_path / 'a.yaml').write_text('a: 1')
    with pytest.raises(ValueError, match='expected a .pkl or .json'):
        load_data_file(str(tmp_path / 'a.yaml'))
