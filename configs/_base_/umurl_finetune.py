# Fine-tuning: the whole UmURL encoder trained with a linear classifier,
# starting from a pre-training checkpoint (model.backbone.init_cfg). The
# official code ships no fine-tuning recipe: this one is ours (SGD, cosine
# schedule, random temporal crop-resize as the only augmentation); data,
# evaluation and classifier as in linear evaluation.
_base_ = './umurl_linear.py'

model = dict(backbone=dict(frozen=False), cls_head=dict(dropout=0.1))

train_pipeline = [
    dict(type='FormatGCNInput', num_person=2),
    dict(type='TemporalCropResize', clip_len=64, min_ratio=0.5),
    dict(type='PackActionInputs', meta_keys=('frame_dir', ))
]
train_dataloader = dict(
    batch_size=32, dataset=dict(pipeline=train_pipeline))

optim_wrapper = dict(
    optimizer=dict(type='SGD', lr=0.01, momentum=0.9, weight_decay=1e-4),
    clip_grad=dict(max_norm=5.0))
param_scheduler = [
    dict(type='CosineAnnealingLR', T_max=100, by_epoch=True, eta_min=0)
]
train_cfg = dict(max_epochs=100, val_interval=5)
auto_scale_lr = dict(base_batch_size=128)
default_hooks = dict(checkpoint=dict(interval=5))
# the encoder is trained: no feature cache
custom_hooks = [
    dict(type='EpochSeedHook'),
    dict(type='FiniteGuardHook'),
    dict(type='CheckpointGuardHook')
]
