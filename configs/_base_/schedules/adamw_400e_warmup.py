# MAMP's pre-training schedule: AdamW, betas (0.9, 0.95), weight decay
# 0.05 except one-dimensional weights (biases, norms), lr 1e-3 at batch 128
# (4 GPUs x 32); per iteration, a linear warm-up from 0 over 20 epochs
# (LinearWarmupLR), then a cosine from the peak to half of it at epoch 400. fp32.
optim_wrapper = dict(
    type='OptimWrapper',
    optimizer=dict(
        type='AdamW', lr=1e-3, betas=(0.9, 0.95), weight_decay=0.05),
    paramwise_cfg=dict(flat_decay_mult=0.0),
    # plain-dict parameter groups (compile=True needs them)
    constructor='PlainGroupsOptimWrapperConstructor')
param_scheduler = [
    dict(
        type='LinearWarmupLR',
        by_epoch=True,
        begin=0,
        end=20,
        convert_to_iter_based=True),
    dict(
        type='CosineAnnealingLR',
        T_max=380,
        eta_min_ratio=0.5,
        by_epoch=True,
        begin=20,
        end=400,
        convert_to_iter_based=True)
]
train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=400)
auto_scale_lr = dict(enable=False, base_batch_size=128)
