# Small USDRL pre-training on the generated synthetic set (joint; H = 64,
# two DST layers per stream), the settings of UmURL's synthetic recipe;
# minutes on 2 CPU cores. Data: python tools/data/gen_synthetic.py
_base_ = [
    '../_base_/models/usdrl.py', '../_base_/datasets/skeleton_pretrain.py',
    '../_base_/schedules/adam_451e.py', '../_base_/default_runtime.py'
]

hidden_dim = 64
model = dict(
    backbone=dict(hidden_dim=hidden_dim),
    projector=dict(
        temporal=dict(
            in_channels=hidden_dim,
            hidden_channels=2 * hidden_dim,
            out_channels=2 * hidden_dim),
        spatial=dict(
            in_channels=hidden_dim,
            hidden_channels=2 * hidden_dim,
            out_channels=2 * hidden_dim),
        instance=dict(
            in_channels=2 * hidden_dim,
            hidden_channels=2 * hidden_dim,
            out_channels=4 * hidden_dim)))

train_dataloader = dict(
    batch_size=64,
    num_workers=2,
    dataset=dict(
        ann_file='data/synthetic/synthetic_3d.pkl', split='xsub_train'))

optim_wrapper = dict(
    _delete_=True,
    type='OptimWrapper',
    optimizer=dict(type='Adam', lr=1e-3, weight_decay=1e-5, fused=True))
param_scheduler = [
    dict(type='MultiStepLR', by_epoch=True, milestones=[30], gamma=0.1)
]
train_cfg = dict(max_epochs=40)
default_hooks = dict(
    logger=dict(interval=5),
    checkpoint=dict(interval=10, max_keep_ckpts=1))
auto_scale_lr = dict(base_batch_size=64)
randomness = dict(seed=0)
