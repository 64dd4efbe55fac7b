"""A new 20-joint single-person data set in .npy clips: one converter
command and short leaf configs that name the skeleton once, pre-training,
linear evaluation and kNN through the tools (docs/custom_skeletons.md)."""
import glob

import mmengine
import numpy as np

from tests.test_datasets.test_converters.test_kinect_v1 import body
from tests.utils import TINY_PRETRAIN, run_tool

C = 'configs/umurl/'
PRETRAIN = """_base_ = '{base}'
skeleton = dict(layout='kinect_v1', num_person=1, clip_len=16)
train_dataloader = dict(dataset=dict(ann_file='{data}', split='train'))
"""
LINEAR = """_base_ = '{base}'
skeleton = dict(layout='kinect_v1', num_person=1, clip_len=16)
model = dict(cls_head=dict(num_classes=3))
train_dataloader = dict(dataset=dict(
    ann_file='{data}', split='train', num_classes=3))
val_dataloader = dict(dataset=dict(
    ann_file='{data}', split='test', num_classes=3))
test_dataloader = val_dataloader
"""


def test_npy_clips_one_command_and_short_leaves(tmp_path):
    from tests.utils import REPO
    clips = tmp_path / 'clips'
    clips.mkdir()
    rows = []
    for i in range(12):
        np.save(clips / f'c{i}.npy', body(20 + i, i).astype(np.float32))
        rows.append(f"c{i},{i % 3},{'train' if i < 8 else 'test'}")
    (tmp_path / 'labels.csv').write_text('\n'.join(rows) + '\n')
    data = str(tmp_path / 'mine.pkl')
    proc = run_tool('tools/data/npy_to_pkl.py', str(clips), data,
                    '--labels', str(tmp_path / 'labels.csv'), '--layout',
                    'kinect_v1')
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert mmengine.load(data)['annotations'][0]['keypoint'].shape[:1] == (1,)
    pre, lin = tmp_path / 'pre.py', tmp_path / 'lin.py'
    pre.write_text(PRETRAIN.format(
        base=f'{REPO}/{C}umurl_1xb64-40e_synthetic-xsub-keypoint-3d.py',
        data=data))
    lin.write_text(LINEAR.format(
        base=f'{REPO}/{C}benchmarks/umurl-linear_1xb64-60e_synthetic-xsub-'
        'keypoint-3d.py', data=data))
    assert len(PRETRAIN.splitlines()) <= 15 >= len(LINEAR.splitlines())
    work = str(tmp_path / 'work')
    proc = run_tool('tools/train.py', str(pre), '--work-dir', work,
                    '--cfg-options', *TINY_PRETRAIN, 'train_cfg.max_epochs=1',
                    'train_dataloader.batch_size=4',
                    'train_dataloader.num_workers=0',
                    'train_dataloader.persistent_workers=False',
                    'default_hooks.checkpoint.interval=1')
    assert proc.returncode == 0, proc.stderr[-3000:]
    ckpt = glob.glob(f'{work}/epoch_1.pth')[0]
    proc = run_tool('tools/train.py', str(lin), '--work-dir', work + '_lin',
                    '--cfg-options', 'model.backbone.hidden_dim=16',
                    'model.cls_head.in_channels=32',
                    f'model.backbone.init_cfg.checkpoint={ckpt}',
                    'train_cfg.max_epochs=1', 'train_cfg.val_interval=1',
                    'train_dataloader.batch_size=4',
                    *[f'{loader}_dataloader.{key}'
                      for loader in ('train', 'val', 'test')
                      for key in ('num_workers=0',
                                  'persistent_workers=False')])
    assert proc.returncode == 0, proc.stderr[-3000:]
    # the config's skeleton against a file of another layout: both named
    proc = run_tool('tools/train.py', str(pre), '--work-dir', work + '_x',
                    '--cfg-options', 'skeleton.layout=nturgb+d')
    assert proc.returncode != 0
    assert "holds 'kinect_v1' skeletons but the config reads them as " \
        "'nturgb+d'" in proc.stderr
    # and against a file prepared for another method: both named
    proc = run_tool('tools/train.py', str(pre), '--work-dir', work + '_p',
                    '--cfg-options', 'skeleton.preprocess=mamp')
    assert proc.returncode != 0
    assert "prepared with 'umurl' but the config expects 'mamp': " \
        'convert the raw data with --preprocess mamp' in proc.stderr


def test_nw_ucla_configs_run_on_generated_files(tmp_path):
    """NW-UCLA's leaves (no real copy here): converted generated files,
    pre-training one epoch and kNN through the tools."""
    from tests.test_datasets.test_converters.test_kinect_v1 import \
        write_ucla
    src = tmp_path / 'all_sqe'
    src.mkdir()
    for i in range(12):
        write_ucla(src, 1 + i % 3, 1 + i // 3, 0, 1 + i % 3, 1 + i % 3,
                   body(25 + i, i))
    data = str(tmp_path / 'nw_ucla.pkl')
    proc = run_tool('tools/data/kinect_v1_to_pkl.py', 'nw_ucla', str(src),
                    data)
    assert proc.returncode == 0, proc.stderr[-2000:]
    work = str(tmp_path / 'pre')
    proc = run_tool(
        'tools/train.py',
        f'{C}umurl_1xb32-100e_nw-ucla-xview-keypoint-3d.py', '--work-dir',
        work, '--cfg-options', *TINY_PRETRAIN, 'train_cfg.max_epochs=1',
        f'train_dataloader.dataset.ann_file={data}',
        'train_dataloader.batch_size=4', 'train_dataloader.num_workers=0',
        'train_dataloader.persistent_workers=False',
        'default_hooks.checkpoint.interval=1')
    assert proc.returncode == 0, proc.stderr[-3000:]
    proc = run_tool(
        'tools/test.py', f'{C}benchmarks/umurl-knn_nw-ucla-xview-keypoint-'
        '3d.py', f'{work}/epoch_1.pth', '--work-dir', work,
        '--cfg-options', 'model.backbone.hidden_dim=16',
        'test_dataloader.num_workers=0',
        'test_dataloader.persistent_workers=False',
        *[f'test_dataloader.dataset.datasets.{i}.ann_file={data}'
          for i in range(2)])
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert 'knn/top1' in proc.stdout + proc.stderr
