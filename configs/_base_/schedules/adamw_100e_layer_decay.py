# MAMP's fine-tuning: AdamW, betas (0.9, 0.999), weight decay 0.05 except
# one-dimensional weights, lr 3e-4 at batch 48 (2 GPUs x 24) with
# layer-wise decay 0.8 (embeddings 0.8^9 ... final norm and head 1);
# per iteration, a linear warm-up over 5 epochs, then a cosine to 1e-5
# (times each layer's scale) at epoch 100; the test split every epoch, the
# best top-1 kept.
_base_ = '../default_runtime.py'

optim_wrapper = dict(
    optimizer=dict(
        type='AdamW', lr=3e-4, betas=(0.9, 0.999), weight_decay=0.05),
    constructor='LayerDecayOptimWrapperConstructor',
    paramwise_cfg=dict(decay_rate=0.8))
param_scheduler = [
    dict(
        type='LinearWarmupLR',
        by_epoch=True,
        begin=0,
        end=5,
        convert_to_iter_based=True),
    dict(
        type='CosineAnnealingLR',
        T_max=95,
        eta_min_ratio=1e-5 / 3e-4,
        by_epoch=True,
        begin=5,
        end=100,
        convert_to_iter_based=True)
]
train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=100, val_interval=1)
val_cfg = dict(type='ValLoop')
test_cfg = dict(type='TestLoop')
auto_scale_lr = dict(enable=False, base_batch_size=48)
default_hooks = dict(
    checkpoint=dict(interval=10, max_keep_ckpts=1, save_best='acc/top1'))
