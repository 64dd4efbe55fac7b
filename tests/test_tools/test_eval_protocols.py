"""Linear, kNN, fine-tuning, t-SNE and feature tools on tiny data, run
exactly as a user would: tools/train.py and tools/test.py."""
import glob
import json
import os
import re

import pytest
import torch

from tests.utils import TINY_PRETRAIN, run_tool

C = 'configs/umurl/'
PRE = C + 'umurl_1xb64-40e_synthetic-xsub-keypoint-3d.py'
LIN = C + 'benchmarks/umurl-linear_1xb64-60e_synthetic-xsub-keypoint-3d.py'
KNN = C + 'benchmarks/umurl-knn_synthetic-xsub-keypoint-3d.py'
FT = C + 'benchmarks/umurl-finetune_4xb32-100e_ntu60-xsub-keypoint-3d.py'
SMALL = ['model.backbone.hidden_dim=16']


def run(*args):
    proc = run_tool(*args)
    assert proc.returncode == 0, proc.stderr[-4000:]
    return proc.stdout + proc.stderr


def loaders(ann, *names, split=('xsub_train', 'xsub_val')):
    opts = []
    for name, sp in zip(names, split):
        opts += [f'{name}.dataset.ann_file={ann}',
                 f'{name}.dataset.split={sp}',
                 f'{name}.num_workers=0', f'{name}.persistent_workers=False',
                 f'{name}.batch_size=8']
    return opts


def resume_equals_straight(config, opts, tmp_path):
    """Train one epoch, resume to two, train two straight: the weights
    must be equal bitwise. Returns the resumed run's last checkpoint."""
    work = str(tmp_path / 'pre')
    run('tools/train.py', config, '--work-dir', work, '--cfg-options',
        *opts, 'train_cfg.max_epochs=1')
    run('tools/train.py', config, '--work-dir', work, '--resume',
        '--cfg-options', *opts, 'train_cfg.max_epochs=2')
    straight = str(tmp_path / 'straight')
    run('tools/train.py', config, '--work-dir', straight, '--cfg-options',
        *opts, 'train_cfg.max_epochs=2')
    resumed = torch.load(f'{work}/epoch_2.pth', weights_only=False)
    direct = torch.load(f'{straight}/epoch_2.pth', weights_only=False)
    for key, value in direct['state_dict'].items():
        torch.testing.assert_close(resumed['state_dict'][key], value,
                                   rtol=0, atol=0, msg=key)
    return f'{work}/epoch_2.pth'


def classifier_opts(ann, ckpt, epochs):
    names = ('train_dataloader', 'val_dataloader', 'test_dataloader')
    return SMALL + loaders(
        ann, *names, split=('xsub_train', 'xsub_val', 'xsub_val')) + [
        'model.cls_head.in_channels=32', 'model.cls_head.num_classes=4'
    ] + [f'{name}.dataset.num_classes=4' for name in names] + [
        f'model.backbone.init_cfg.checkpoint={ckpt}',
        f'train_cfg.max_epochs={epochs}', f'train_cfg.val_interval={epochs}',
        'default_hooks.checkpoint.interval=1'
    ]


@pytest.fixture(scope='module')
def pretrained(tiny_pkl, tmp_path_factory):
    work = str(tmp_path_factory.mktemp('pre'))
    run('tools/train.py', PRE, '--work-dir', work, '--cfg-options',
        *TINY_PRETRAIN, *loaders(tiny_pkl, 'train_dataloader'),
        'train_cfg.max_epochs=1')
    return f'{work}/epoch_1.pth'


def backbone_state(path):
    state = torch.load(path, weights_only=False)['state_dict']
    return {k: v for k, v in state.items() if k.startswith('backbone.')}


def test_linear_keeps_encoder_frozen(pretrained, tiny_pkl, tmp_path):
    work = str(tmp_path)
    run('tools/train.py', LIN, '--work-dir', work, '--cfg-options',
        *classifier_opts(tiny_pkl, pretrained, 2))
    before, after = backbone_state(pretrained), backbone_state(
        f'{work}/epoch_2.pth')
    assert before.keys() == after.keys()
    for k in before:
        assert torch.equal(before[k], after[k]), k
    head = torch.load(f'{work}/epoch_2.pth',
                      weights_only=False)['state_dict']['cls_head.fc.weight']
    out = run('tools/test.py', LIN, f'{work}/epoch_2.pth', '--work-dir', work,
              '--cfg-options', *classifier_opts(tiny_pkl, pretrained, 2))
    metrics = json.load(open(f'{work}/test_metrics.json'))
    assert 0 <= metrics['acc/top1'] <= 1 and head.abs().sum() > 0
    assert 'acc/top1' in out


@pytest.mark.parametrize('mods', ['[joint,bone,motion]', '[motion]',
                                  '[joint,bone]'])
def test_knn_any_modality(pretrained, tiny_pkl, tmp_path, mods):
    opts = SMALL + [f'model.eval_modalities={mods}',
                    'test_dataloader.num_workers=0']
    for i, sp in enumerate(('xsub_train', 'xsub_val')):
        opts.append(f'test_dataloader.dataset.datasets.{i}.ann_file='
                    f'{tiny_pkl}')
    run('tools/test.py', KNN, pretrained, '--work-dir', str(tmp_path),
        '--cfg-options', *opts)
    metrics = json.load(open(tmp_path / 'test_metrics.json'))
    assert set(metrics) == {'knn/top1', 'knn/recall@1', 'knn/recall@5'}
    assert metrics['knn/top1'] == metrics['knn/recall@1']


def test_test_rejects_wrong_checkpoint(tiny_pkl, tmp_path):
    path = str(tmp_path / 'other.pth')
    torch.save({'state_dict': {'cls_head.fc.weight': torch.zeros(2, 2)}},
               path)
    proc = run_tool('tools/test.py', KNN, path, '--cfg-options', *SMALL)
    assert proc.returncode != 0
    assert "has no weights for ['backbone']" in proc.stderr


def test_finetune_trains_the_encoder(pretrained, tiny_pkl, tmp_path):
    work = str(tmp_path)
    run('tools/train.py', FT, '--work-dir', work, '--cfg-options',
        *classifier_opts(tiny_pkl, pretrained, 1),
        'model.backbone.num_frames=64',
        'train_dataloader.dataset.label_fraction=0.5')
    before, after = backbone_state(pretrained), backbone_state(
        f'{work}/epoch_1.pth')
    assert any(not torch.equal(before[k], after[k]) for k in before)


def test_tsne_and_feature_tools(pretrained, tiny_pkl, tmp_path):
    png, npz = str(tmp_path / 'tsne.png'), str(tmp_path / 'f.npz')
    opts = ['--ann-file', tiny_pkl, '--split', 'xsub_val']
    opts += ['--cfg-options', *SMALL]
    run('tools/analysis/tsne.py', PRE, pretrained, '--classes', '0', '1',
        '2', '--out', png, '--perplexity', '5', *opts)
    assert open(png, 'rb').read(8) == b'\x89PNG\r\n\x1a\n'
    run('tools/extract_features.py', PRE, pretrained, '--out', npz, *opts)
    import numpy as np
    data = np.load(npz)
    assert data['features'].shape == (len(data['labels']), 32)
    assert glob.glob(str(tmp_path / '*'))


def test_unimodal_linear_and_late_fusion(pretrained, tiny_pkl, tmp_path):
    """The "3s" setting: joint-, bone- and motion-only linear classifiers
    on one encoder, their scores dumped by tools/test.py and fused."""
    dumps = []
    for mod in ('joint', 'bone', 'motion'):
        work = str(tmp_path / mod)
        opts = classifier_opts(tiny_pkl, pretrained, 1) + [
            f'model.backbone.modalities=[{mod}]']
        run('tools/train.py', LIN, '--work-dir', work, '--cfg-options', *opts)
        dumps.append(f'{work}/scores.pkl')
        run('tools/test.py', LIN, f'{work}/epoch_1.pth', '--work-dir', work,
            '--dump', dumps[-1], '--cfg-options', *opts)
    out = run('tools/analysis/late_fusion.py', *dumps, '--names', 'joint',
              'bone', 'motion')
    accs = {line.split()[0]: float(line.split()[2]) / 100
            for line in out.strip().splitlines()}
    assert set(accs) == {'joint', 'bone', 'motion', 'fused'}
    for mod in ('joint', 'bone', 'motion'):
        metrics = json.load(open(tmp_path / mod / 'test_metrics.json'))
        assert accs[mod] == pytest.approx(metrics['acc/top1'], abs=1e-4)


@pytest.mark.parametrize('config', [
    'umurl-semi-1p_4xb32-100e_ntu60-xsub-keypoint-3d.py',
    'umurl-semi-10p_4xb32-100e_ntu60-xview-keypoint-3d.py',
    'umurl-transfer-linear_1xb512-150e_ntu120-xsub-to-pku2-xsub-'
    'keypoint-3d.py',
    'umurl-transfer-finetune_4xb32-100e_ntu120-xsub-to-pku2-xsub-'
    'keypoint-3d.py',
])
def test_semi_and_transfer_configs_run(pretrained, tiny_pkl, tmp_path,
                                       config):
    work = str(tmp_path)
    out = run('tools/train.py', C + 'benchmarks/' + config, '--work-dir', work,
              '--cfg-options', *classifier_opts(tiny_pkl, pretrained, 1),
              'train_dataloader.batch_size=2')
    assert 'acc/top1' in out and os.path.exists(f'{work}/epoch_1.pth')
    iters = re.search(r'Epoch\(train\) +\[1\]\[ *(\d+)/\1\]', out)
    assert iters, 'no training iteration was logged'
    expected = 2 if 'semi' in config else 18  # 4 or 36 samples, batch 2
    assert int(iters.group(1)) == expected
    if 'semi' in config:  # 1% / 10% of 9 samples per class: one per class
        assert 'labelled subset of 4 of 36 samples' in out


def test_plot_curves(pretrained, tmp_path):
    png = str(tmp_path / 'curves.png')
    out = run('tools/analysis/plot_curves.py', os.path.dirname(pretrained),
              '--out', png)
    assert 'scalars.json' in out
    assert open(png, 'rb').read(8) == b'\x89PNG\r\n\x1a\n'
    proc = run_tool('tools/analysis/plot_curves.py', str(tmp_path))
    assert proc.returncode != 0 and 'no */vis_data/scalars.json' in (
        proc.stderr)
