# MAMP linear probe on the synthetic set (small encoder of
# mamp_1xb64-150e_synthetic-xsub-keypoint-3d.py); minutes on 2 CPU cores.
_base_ = [
    '../../_base_/models/mamp_linear.py', '../../_base_/datasets/mamp_eval.py',
    '../../_base_/schedules/sgd_100e_mamp_linear.py'
]

skeleton = dict(clip_len=32)
pretrained = ('work_dirs/mamp_1xb64-150e_synthetic-xsub-keypoint-3d/'
              'epoch_150.pth')
ann_file = 'data/synthetic/synthetic_3d_mamp.pkl'
model = dict(
    backbone=dict(
        embed_dims=128,
        depth=4,
        num_heads=4,
        init_cfg=dict(type='UmURLPretrained', checkpoint=pretrained)),
    cls_head=dict(num_classes=10, in_channels=128))
train_dataloader = dict(
    batch_size=64,
    num_workers=2,
    dataset=dict(ann_file=ann_file, split='xsub_train', num_classes=10))
val_dataloader = dict(
    num_workers=2,
    dataset=dict(ann_file=ann_file, split='xsub_val', num_classes=10))
test_dataloader = val_dataloader
# the official recipe at batch 64, 60 epochs, tested every 10
optim_wrapper = dict(optimizer=dict(lr=0.025))
param_scheduler = [
    dict(type='CosineAnnealingLR', T_max=60, eta_min=0., by_epoch=True,
         convert_to_iter_based=True)
]
train_cfg = dict(max_epochs=60, val_interval=10)
default_hooks = dict(logger=dict(interval=20))
randomness = dict(seed=0)
