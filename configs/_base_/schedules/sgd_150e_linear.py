# The official linear evaluation schedule: SGD lr 0.03, momentum 0.9, no
# weight decay, batch 512 in one process, 150 epochs, lr x0.1 at 120 and
# 140; the test split evaluated every 5 epochs and the best top-1 kept. On
# several GPUs pass --auto-scale-lr: the lr scales with the total batch from
# the base of 512 (or set train_dataloader.batch_size=512/GPUs). The
# protocol's runtime too: the frozen encoder's features are computed once,
# before the first epoch (the pipeline is deterministic), and the
# classifier trains on them.
_base_ = '../default_runtime.py'

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
custom_hooks = [
    dict(type='EpochSeedHook'),
    dict(type='FiniteGuardHook'),
    dict(type='CheckpointGuardHook'),
    dict(type='FrozenFeatureCacheHook')
]
