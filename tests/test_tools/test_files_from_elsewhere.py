"""Every tool that reads a file from elsewhere refuses a crafted one by
name, before anything of it runs; real files still load (the other tests
of each tool)."""
import os
import pickle

import pytest
import torch

from tests.test_fileio.test_safe_pickle import RunsCode
from tests.test_tools.test_eval_protocols import classifier_opts
from tests.utils import run_tool, tiny_options

C = 'configs/umurl/'
PRE = C + 'umurl_1xb64-40e_synthetic-xsub-keypoint-3d.py'
LIN = C + 'benchmarks/umurl-linear_1xb64-60e_synthetic-xsub-keypoint-3d.py'
SMALL = ['model.backbone.hidden_dim=16']


@pytest.fixture
def evil(tmp_path):
    """A crafted pickle, a crafted checkpoint and the marker they would
    create."""
    marker = tmp_path / 'MARKER'
    pkl = tmp_path / 'evil.pkl'
    pkl.write_bytes(pickle.dumps(dict(split={}, annotations=[dict(
        frame_dir='a', keypoint=RunsCode(marker))])))
    ckpt = str(tmp_path / 'evil.pth')
    torch.save(dict(state_dict={'w': torch.ones(1)}, meta=RunsCode(marker)),
               ckpt)
    return dict(pkl=str(pkl), ckpt=ckpt, marker=marker)


def refused(proc, path, marker):
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0, out[-2000:]
    assert f"{path}: refused to load: it needs the global 'posix.system'" \
        in out, out[-3000:]
    assert not marker.exists()


def official_npy(tmp_path, evil):
    folder = tmp_path / 'official'
    folder.mkdir()
    import numpy as np
    for part in ('train', 'val'):
        np.save(folder / f'{part}_data_joint.npy',
                np.zeros((1, 3, 20, 25, 2), np.float32))
        np.save(folder / f'{part}_num_frame.npy', np.array([20]))
        (folder / f'{part}_label.pkl').write_bytes(
            pickle.dumps(RunsCode(evil['marker'])))
    return str(folder)


PICKLE_TOOLS = {
    'dataset (tools/train.py)': lambda t, e: (
        ['tools/train.py', PRE, '--work-dir', str(t / 'w'),
         *tiny_options(e['pkl'], 1)], e['pkl']),
    'normalize_pose_pkl.py': lambda t, e: (
        ['tools/data/normalize_pose_pkl.py', e['pkl'], str(t / 'o.pkl')],
        e['pkl']),
    'official_npy_to_pkl.py': lambda t, e: (
        ['tools/data/official_npy_to_pkl.py', official_npy(t, e),
         str(t / 'o.pkl'), '--split-name', 'xsub'],
        str(t / 'official' / 'train_label.pkl')),
    'extract_features.py --pose-file': lambda t, e: (
        ['tools/extract_features.py', PRE, '--pose-file', e['pkl'],
         '--out', str(t / 'f.npz'), '--cfg-options', *SMALL], e['pkl']),
    'late_fusion.py': lambda t, e: (
        ['tools/analysis/late_fusion.py', e['pkl']], e['pkl']),
}


@pytest.mark.parametrize('tool', list(PICKLE_TOOLS))
def test_crafted_pickle_refused(tmp_path, evil, tool):
    args, path = PICKLE_TOOLS[tool](tmp_path, evil)
    refused(run_tool(*args), path, evil['marker'])


def resume_dir(tmp_path, evil):
    work = tmp_path / 'resume'
    work.mkdir()
    os.replace(evil['ckpt'], work / 'epoch_1.pth')
    return str(work), str(work / 'epoch_1.pth')


CKPT_TOOLS = {
    'tools/test.py': lambda t, e, d: (
        ['tools/test.py', LIN, e['ckpt'], '--work-dir', str(t / 'w'),
         '--cfg-options', *SMALL, 'model.cls_head.in_channels=32'],
        e['ckpt']),
    'convert_official_ckpt.py': lambda t, e, d: (
        ['tools/convert_official_ckpt.py', e['ckpt'], str(t / 'c.pth')],
        e['ckpt']),
    'train.py --resume': lambda t, e, d: (
        ['tools/train.py', PRE, '--resume', '--work-dir',
         resume_dir(t, e)[0], *tiny_options(d, 2)],
        str(t / 'resume' / 'epoch_1.pth')),
    'train.py load_from': lambda t, e, d: (
        ['tools/train.py', PRE, '--work-dir', str(t / 'w'),
         *tiny_options(d, 1), f'load_from={e["ckpt"]}'], e['ckpt']),
    'init_cfg (UmURLPretrained)': lambda t, e, d: (
        ['tools/train.py', LIN, '--work-dir', str(t / 'w'), '--cfg-options',
         *classifier_opts(d, e['ckpt'], 1)], e['ckpt']),
    'extract_features.py': lambda t, e, d: (
        ['tools/extract_features.py', PRE, e['ckpt'], '--ann-file', d,
         '--out', str(t / 'f.npz'), '--cfg-options', *SMALL], e['ckpt']),
    'export_onnx.py': lambda t, e, d: (
        ['tools/deployment/export_onnx.py', PRE, e['ckpt'], '--out',
         str(t / 'm.onnx'), '--cfg-options', *SMALL], e['ckpt']),
}


@pytest.mark.parametrize('tool', list(CKPT_TOOLS))
def test_crafted_checkpoint_refused(tmp_path, evil, tiny_pkl, tool):
    args, path = CKPT_TOOLS[tool](tmp_path, evil, tiny_pkl)
    refused(run_tool(*args), path, evil['marker'])
    if tool == 'train.py --resume':  # refused, not moved aside
        assert os.path.exists(path)


def test_converting_nothing_is_an_error(tmp_path):
    src = str(tmp_path / 'empty.pth')
    torch.save(dict(state_dict={}), src)
    proc = run_tool('tools/convert_official_ckpt.py', src,
                    str(tmp_path / 'out.pth'))
    assert proc.returncode != 0
    assert f'{src}: no tensors to convert' in proc.stderr
    assert not (tmp_path / 'out.pth').exists()
