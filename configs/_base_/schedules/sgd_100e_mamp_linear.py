# MAMP's linear probe: SGD momentum 0.9, no weight decay, lr 0.1 at batch
# 256 (2 GPUs x 128), cosine to 0 per iteration over 100 epochs; the test
# split every epoch, the best top-1 kept (as the official code reports).
_base_ = '../default_runtime.py'

optim_wrapper = dict(
    optimizer=dict(type='SGD', lr=0.1, momentum=0.9, weight_decay=0.))
param_scheduler = [
    dict(
        type='CosineAnnealingLR',
        T_max=100,
        eta_min=0.,
        by_epoch=True,
        convert_to_iter_based=True)
]
train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=100, val_interval=1)
val_cfg = dict(type='ValLoop')
test_cfg = dict(type='TestLoop')
auto_scale_lr = dict(enable=False, base_batch_size=256)
default_hooks = dict(
    checkpoint=dict(interval=10, max_keep_ckpts=1, save_best='acc/top1'))
