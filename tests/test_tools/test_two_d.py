"""2D COCO-17 skeletons end to end on tiny data, as a user runs them:
pre-training, linear evaluation and kNN through the 2D configs, features of
one video's pose file, the retrieval demo and the ONNX export."""
import json

import mmengine
import numpy as np
import pytest

from tests.test_tools.test_eval_protocols import run
from tests.utils import REPO, TINY_PRETRAIN

C = 'configs/umurl/'
PRE = C + 'umurl_1xb64-40e_synthetic-xsub-keypoint-2d.py'
LIN = C + 'benchmarks/umurl-linear_1xb64-60e_synthetic-xsub-keypoint-2d.py'
KNN = C + 'benchmarks/umurl-knn_synthetic-xsub-keypoint-2d.py'
SMALL = ['model.backbone.hidden_dim=16']


@pytest.fixture(scope='module')
def data_2d(tiny_pkl_2d):
    return tiny_pkl_2d


@pytest.fixture(scope='module')
def pretrained(data_2d, tmp_path_factory):
    work = str(tmp_path_factory.mktemp('pre2d'))
    run('tools/train.py', PRE, '--work-dir', work, '--cfg-options',
        *TINY_PRETRAIN, f'train_dataloader.dataset.ann_file={data_2d}',
        'train_dataloader.num_workers=0',
        'train_dataloader.persistent_workers=False',
        'train_dataloader.batch_size=8', 'train_cfg.max_epochs=1')
    return f'{work}/epoch_1.pth'


def test_linear_and_knn(pretrained, data_2d, tmp_path):
    names = ('train_dataloader', 'val_dataloader', 'test_dataloader')
    opts = SMALL + ['model.cls_head.in_channels=32',
                    'model.cls_head.num_classes=4',
                    f'model.backbone.init_cfg.checkpoint={pretrained}',
                    'train_cfg.max_epochs=1', 'train_cfg.val_interval=1']
    for name, split in zip(names, ('xsub_train', 'xsub_val', 'xsub_val')):
        opts += [f'{name}.dataset.ann_file={data_2d}',
                 f'{name}.dataset.split={split}',
                 f'{name}.dataset.num_classes=4', f'{name}.num_workers=0',
                 f'{name}.persistent_workers=False', f'{name}.batch_size=8']
    work = str(tmp_path / 'lin')
    run('tools/train.py', LIN, '--work-dir', work, '--cfg-options', *opts)
    run('tools/test.py', LIN, f'{work}/epoch_1.pth', '--work-dir', work,
        '--cfg-options', *opts)
    assert 0 <= json.load(open(f'{work}/test_metrics.json'))['acc/top1'] <= 1
    knn = SMALL + ['test_dataloader.num_workers=0']
    knn += [f'test_dataloader.dataset.datasets.{i}.ann_file={data_2d}'
            for i in range(2)]
    run('tools/test.py', KNN, pretrained, '--work-dir', str(tmp_path),
        '--cfg-options', *knn)
    metrics = json.load(open(tmp_path / 'test_metrics.json'))
    assert 0 <= metrics['knn/top1'] <= 1


@pytest.fixture
def query(data_2d, tmp_path):
    """One video's pose file as MMAction2's pose extraction writes it (one
    annotation dict), taken from the gallery split."""
    data = mmengine.load(data_2d)
    name = data['split']['xsub_train'][3]
    anno = next(a for a in data['annotations'] if a['frame_dir'] == name)
    path = str(tmp_path / 'video.pkl')
    mmengine.dump(anno, path)
    return path, anno


def test_features_of_one_pose_file(pretrained, data_2d, query, tmp_path):
    path, anno = query
    one, ref = str(tmp_path / 'one.npz'), str(tmp_path / 'all.npz')
    run('tools/extract_features.py', PRE, pretrained, '--pose-file', path,
        '--out', one, '--cfg-options', *SMALL)
    run('tools/extract_features.py', PRE, pretrained, '--ann-file', data_2d,
        '--split', 'xsub_train', '--out', ref, '--cfg-options', *SMALL)
    one, ref = np.load(one), np.load(ref)
    assert one['features'].shape == (1, 32)
    row = list(ref['names']).index(anno['frame_dir'])
    np.testing.assert_allclose(one['features'][0], ref['features'][row],
                               rtol=1e-5, atol=1e-6)


def test_retrieval_demo_finds_the_query_itself(pretrained, data_2d, query):
    path, anno = query
    out = run('demo/retrieve.py', KNN, pretrained, '--query', path,
              '--gallery', data_2d, '--split', 'xsub_train', '--topk', '3',
              '--class-names', 'synthetic', '--cfg-options', *SMALL)
    table = out[out.index('rank  similarity'):].splitlines()
    first = table[1].split()
    assert first[0] == '1' and first[2] == anno['frame_dir']
    assert abs(float(first[1]) - 1) < 1e-5
    assert 'nearest actions' in out


@pytest.mark.parametrize('mods', [None, ['joint', 'motion']])
def test_onnx_export_matches_pytorch(pretrained, tmp_path, mods):
    out = str(tmp_path / 'umurl.onnx')
    args = ['--modalities', *mods] if mods else []
    log = run('tools/deployment/export_onnx.py', PRE, pretrained, '--out',
              out, *args, '--cfg-options', *SMALL)
    assert 'max abs difference' in log
    # an independent check at another batch size (the batch axis is dynamic)
    import onnxruntime as ort
    import torch

    from umurl_mm.apis import init_encoder
    encoder = init_encoder(f'{REPO}/{PRE}', pretrained, cfg_options={
        'model.backbone.hidden_dim': 16})
    x = torch.randn(5, *encoder.input_shape)
    got = ort.InferenceSession(out).run(None, {'keypoint': x.numpy()})[0]
    with torch.no_grad():
        ref = encoder(x, mods).flatten(1).numpy()
    assert got.shape == (5, 32)
    np.testing.assert_allclose(got, ref, rtol=0, atol=1e-4)


def test_openpose_layout_pretrains_from_npy_clips(tmp_path):
    """Another layout end to end: OpenPose-18 2D clips (.npy, x, y, score)
    -> tools/data/npy_to_pkl.py -> one pre-training epoch of the 2D config
    with the layout switched by --cfg-options -> features."""
    rng = np.random.default_rng(0)
    folder = tmp_path / 'clips'
    folder.mkdir()
    rows = []
    for i in range(8):
        xy = rng.uniform(100, 400, (2, 30 + i, 18, 2))
        score = rng.uniform(0.3, 1, (2, 30 + i, 18, 1))
        np.save(folder / f'v{i}.npy', np.concatenate([xy, score], -1))
        rows.append(f'v{i},{i % 2},train')
    (tmp_path / 'labels.csv').write_text('\n'.join(rows) + '\n')
    ann = str(tmp_path / 'op.pkl')
    run('tools/data/npy_to_pkl.py', str(folder), ann, '--labels',
        str(tmp_path / 'labels.csv'), '--layout', 'openpose', '--img-shape',
        '480', '640')
    work = str(tmp_path / 'work')
    layout = ['model.backbone.layout=openpose',
              'train_dataloader.dataset.layout=openpose',
              'train_dataloader.dataset.pipeline.0.layout=openpose']
    run('tools/train.py', PRE, '--work-dir', work, '--cfg-options',
        *TINY_PRETRAIN, *layout, f'train_dataloader.dataset.ann_file={ann}',
        'train_dataloader.dataset.split=train',
        'train_dataloader.num_workers=0',
        'train_dataloader.persistent_workers=False',
        'train_dataloader.batch_size=4', 'train_cfg.max_epochs=1')
    npz = str(tmp_path / 'f.npz')
    run('tools/extract_features.py', PRE, f'{work}/epoch_1.pth',
        '--pose-file', str(folder / 'v3.npy'), '--img-shape', '480', '640',
        '--out', npz, '--cfg-options', *SMALL,
        'model.backbone.layout=openpose', 'eval_pipeline.0.layout=openpose')
    assert np.load(npz)['features'].shape == (1, 32)
