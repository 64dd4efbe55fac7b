"""MAMP through the tools, as a user runs it: pre-training, exact resume,
linear probe, fine-tuning with layer decay and kNN, on tiny data."""
import glob
import json

import torch

from tests.test_tools.test_eval_protocols import (
    loaders, resume_equals_straight, run)

C = 'configs/mamp/'
PRE = C + 'mamp_1xb64-150e_synthetic-xsub-keypoint-3d.py'
LIN = C + 'benchmarks/mamp-linear_1xb64-60e_synthetic-xsub-keypoint-3d.py'
KNN = C + 'benchmarks/mamp-knn_synthetic-xsub-keypoint-3d.py'
FT = C + 'benchmarks/mamp-finetune_2xb24-100e_ntu60-xsub-keypoint-3d.py'
ENCODER = ['model.backbone.embed_dims=16', 'model.backbone.depth=2',
           'model.backbone.num_heads=2']
TINY = ENCODER + ['model.decoder.embed_dims=8', 'model.decoder.depth=1',
                  'model.decoder.num_heads=2']
NAMES = ('train_dataloader', 'val_dataloader', 'test_dataloader')


def classifier(tiny_pkl_mamp, ckpt):
    return [*ENCODER, *loaders(tiny_pkl_mamp, *NAMES,
                               split=('xsub_train', 'xsub_val', 'xsub_val')),
            'model.cls_head.num_classes=4',
            *[f'{n}.dataset.num_classes=4' for n in NAMES],
            f'model.backbone.init_cfg.checkpoint={ckpt}',
            'train_cfg.max_epochs=2', 'train_cfg.val_interval=2']


def test_mamp_pretrain_resume_linear_finetune_knn(tiny_pkl_mamp, tmp_path):
    opts = [*TINY, *loaders(tiny_pkl_mamp, 'train_dataloader'),
            'default_hooks.checkpoint.interval=1',
            'default_hooks.checkpoint.max_keep_ckpts=3']
    ckpt = resume_equals_straight(PRE, opts, tmp_path)
    lin = str(tmp_path / 'lin')
    run('tools/train.py', LIN, '--work-dir', lin, '--cfg-options',
        *classifier(tiny_pkl_mamp, ckpt), 'model.cls_head.in_channels=16')
    ft = str(tmp_path / 'ft')
    out = run('tools/train.py', FT, '--work-dir', ft, '--cfg-options',
              *classifier(tiny_pkl_mamp, ckpt), 'model.backbone.num_frames=32',
              'model.cls_head.in_channels=400',
              *[f'{n}.dataset.pipeline.1.clip_len=32' for n in NAMES],
              'train_dataloader.dataset.pipeline.1.min_len=32')
    # layers 0 (embeddings), 1-2 (blocks), 3 (norm + head), each with and
    # without weight decay
    assert 'LayerDecayOptimWrapperConstructor: 8 groups over 4 layers' in out
    knn = str(tmp_path / 'knn')
    run('tools/test.py', KNN, ckpt, '--work-dir', knn, '--cfg-options',
        *ENCODER,
        *[f'test_dataloader.dataset.datasets.{i}.ann_file={tiny_pkl_mamp}'
          for i in range(2)], 'test_dataloader.num_workers=0')
    metrics = json.load(open(f'{knn}/test_metrics.json'))
    assert 0 <= metrics['knn/top1'] <= 1


def test_mamp_compiled_trains_like_eager(tmp_path, tiny_pkl_mamp):
    """mmengine's ``compile`` (aot_eager: Dynamo and AOTAutograd as
    inductor's would trace, no kernels) on MAMP, whose forward draws the
    masking noise, with parameter-wise weight decay (plain-dict groups):
    the same losses as eager. The warm-up starts at 1e-8 of the peak, as
    LinearWarmupLR says compiled runs must."""
    losses = {}
    for name, opt in (('eager', []),
                      ('compiled', ['compile.backend=aot_eager'])):
        opt = opt + ['param_scheduler.0.start_factor=1e-8']
        work = str(tmp_path / name)
        run('tools/train.py', PRE, '--work-dir', work, '--cfg-options',
            *TINY, *loaders(tiny_pkl_mamp, 'train_dataloader'),
            'train_cfg.max_epochs=1', 'default_hooks.logger.interval=1',
            *opt)
        path = glob.glob(f'{work}/*/vis_data/scalars.json')[0]
        losses[name] = [json.loads(line)['loss'] for line in open(path)
                        if '"loss"' in line]
    assert len(losses['eager']) == 4
    # float rounding of another op order
    torch.testing.assert_close(losses['compiled'], losses['eager'],
                               rtol=1e-4, atol=0)
