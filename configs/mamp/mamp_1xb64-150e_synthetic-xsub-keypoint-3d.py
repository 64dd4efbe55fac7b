# Small MAMP pre-training on the generated synthetic set (32-frame views,
# D = 128, 4 blocks; decoder D = 64, 1 block; 150 epochs); minutes on 2
# CPU cores.
# Data: python tools/data/gen_synthetic.py --mamp \
#     --out data/synthetic/synthetic_3d_mamp.pkl
_base_ = [
    '../_base_/models/mamp.py', '../_base_/datasets/mamp_pretrain.py',
    '../_base_/schedules/adamw_400e_warmup.py', '../_base_/default_runtime.py'
]

skeleton = dict(clip_len=32)
model = dict(
    backbone=dict(embed_dims=128, depth=4, num_heads=4),
    decoder=dict(embed_dims=64, depth=1, num_heads=4))
train_dataloader = dict(
    batch_size=64,
    num_workers=2,
    dataset=dict(
        ann_file='data/synthetic/synthetic_3d_mamp.pkl', split='xsub_train'))
param_scheduler = [
    dict(type='LinearWarmupLR', by_epoch=True, begin=0, end=10,
         convert_to_iter_based=True),
    dict(type='CosineAnnealingLR', T_max=140, eta_min_ratio=0.5,
         by_epoch=True, begin=10, end=150, convert_to_iter_based=True)
]
train_cfg = dict(max_epochs=150)
default_hooks = dict(
    logger=dict(interval=5), checkpoint=dict(interval=50, max_keep_ckpts=1))
auto_scale_lr = dict(base_batch_size=64)
randomness = dict(seed=0)
