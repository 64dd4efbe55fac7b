# The official pre-training schedule: Adam 5e-4, weight decay 1e-5, mixed
# precision; 451 epochs (0..450), lr x0.1 from epoch 351. The fused Adam:
# one kernel for all weights and no host reads (the per-weight loop reads
# every step counter back), the same update to float rounding.
optim_wrapper = dict(
    type='AmpOptimWrapper',
    loss_scale='dynamic',
    optimizer=dict(type='Adam', lr=5e-4, weight_decay=1e-5, fused=True))
param_scheduler = [
    dict(type='MultiStepLR', by_epoch=True, milestones=[351], gamma=0.1)
]
train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=451)
auto_scale_lr = dict(enable=False, base_batch_size=512)
