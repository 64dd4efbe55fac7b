# Fine-tuning schedule (the official code ships none; this one is ours):
# SGD lr 0.01, momentum 0.9, weight decay 1e-4, gradients clipped at norm 5,
# cosine schedule over 100 epochs, base batch 128 (4 GPUs x 32); the test
# split every 5 epochs, the best top-1 kept. The encoder is trained: no
# feature cache.
_base_ = '../default_runtime.py'

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
    checkpoint=dict(interval=5, max_keep_ckpts=1, save_best='acc/top1'))
