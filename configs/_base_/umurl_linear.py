# Linear evaluation, the official recipe: MMAction2's RecognizerGCN +
# GCNHead on the frozen UmURL encoder (eval mode, no gradients). The head is
# FP32GCNHead, GCNHead with float32 scores, so that training under bf16
# autocast works (MMAction2 computes the accuracy in NumPy, which has no
# bfloat16); any MMAction2 head fits in its place.
# Linear(2048 -> classes) ~ N(0, 0.01), SGD lr 0.03 momentum 0.9, no weight
# decay, batch 512 in one process, 150 epochs, lr x0.1 at 120 and 140; the
# test split is evaluated every 5 epochs and the best top-1 kept. On several
# GPUs pass --auto-scale-lr: the lr scales with the total batch from the
# base of 512 (or set train_dataloader.batch_size=512/GPUs). Dataset configs
# set the data, the classes and model.backbone.init_cfg.checkpoint (the
# pre-training checkpoint).
_base_ = ['./default_runtime.py', './umurl_eval_pipeline.py']

custom_imports = dict(imports=['umurl_mm'], allow_failed_imports=False)

hidden_dim = 1024
model = dict(
    type='RecognizerGCN',
    backbone=dict(
        type='UmURL',
        modalities=('joint', 'bone', 'motion'),
        num_frames=64,
        hidden_dim=hidden_dim,
        frozen=True),
    cls_head=dict(
        type='FP32GCNHead',
        num_classes=60,
        in_channels=2 * hidden_dim,
        init_cfg=dict(type='Normal', layer='Linear', std=0.01, bias=0)))

dataset_type = 'UmURLPoseDataset'
train_dataloader = dict(
    batch_size=512,
    num_workers=8,
    persistent_workers=True,
    sampler=dict(type='SeededSampler', shuffle=True),
    dataset=dict(type=dataset_type, pipeline={{_base_.eval_pipeline}}))
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
    optimizer=dict(type='SGD', lr=0.03, momentum=0.9, weight_decay=0.0))
param_scheduler = [
    dict(type='MultiStepLR', by_epoch=True, milestones=[120, 140], gamma=0.1)
]
train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=150, val_interval=5)
val_cfg = dict(type='ValLoop')
test_cfg = dict(type='TestLoop')
auto_scale_lr = dict(enable=False, base_batch_size=512)
default_hooks = dict(
    checkpoint=dict(interval=5, max_keep_ckpts=1, save_best='acc/top1'))
# the frozen encoder's features computed once, before the first epoch (the
# pipeline is deterministic): the classifier trains on them
custom_hooks = [
    dict(type='EpochSeedHook'),
    dict(type='FiniteGuardHook'),
    dict(type='CheckpointGuardHook'),
    dict(type='FrozenFeatureCacheHook')
]
