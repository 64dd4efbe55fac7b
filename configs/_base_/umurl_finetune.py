# Fine-tuning: the whole UmURL encoder trained with a linear classifier,
# starting from a pre-training checkpoint (model.backbone.init_cfg). The
# official code ships no fine-tuning recipe: this one is ours (SGD, cosine
# schedule, random temporal crop-resize as the only augmentation).
_base_ = ['./default_runtime.py', './umurl_eval_pipeline.py']

custom_imports = dict(imports=['umurl_mm'], allow_failed_imports=False)

hidden_dim = 1024
model = dict(
    type='RecognizerGCN',
    backbone=dict(
        type='UmURL',
        modalities=('joint', 'bone', 'motion'),
        num_frames=64,
        hidden_dim=hidden_dim),
    cls_head=dict(
        type='GCNHead',
        num_classes=60,
        in_channels=2 * hidden_dim,
        dropout=0.1,
        init_cfg=dict(type='Normal', layer='Linear', std=0.01, bias=0)))

train_pipeline = [
    dict(type='FormatGCNInput', num_person=2),
    dict(type='TemporalCropResize', clip_len=64, min_ratio=0.5),
    dict(type='PackActionInputs')
]
dataset_type = 'UmURLPoseDataset'
train_dataloader = dict(
    batch_size=32,
    num_workers=8,
    persistent_workers=True,
    drop_last=True,
    sampler=dict(type='DefaultSampler', shuffle=True),
    dataset=dict(type=dataset_type, pipeline=train_pipeline))
val_dataloader = dict(
    batch_size=128,
    num_workers=8,
    persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(
        type=dataset_type, pipeline={{_base_.eval_pipeline}},
        test_mode=True))
test_dataloader = val_dataloader
val_evaluator = dict(type='AccMetric')
test_evaluator = val_evaluator

optim_wrapper = dict(
    optimizer=dict(type='SGD', lr=0.01, momentum=0.9, weight_decay=1e-4),
    clip_grad=dict(max_norm=5.0))
param_scheduler = [
    dict(type='CosineAnnealingLR', T_max=100, by_epoch=True, eta_min=0)
]
train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=100, val_interval=5)
val_cfg = dict(type='ValLoop')
test_cfg = dict(type='TestLoop')
auto_scale_lr = dict(enable=False, base_batch_size=128)
default_hooks = dict(
    checkpoint=dict(interval=5, max_keep_ckpts=1, save_best='auto'))
