# Linear evaluation on the synthetic set (small encoder of
# usdrl_1xb64-40e_synthetic-xsub-keypoint-3d.py); minutes on 2 CPU cores.
_base_ = [
    '../../_base_/models/usdrl_linear.py',
    '../../_base_/datasets/skeleton_eval.py',
    '../../_base_/schedules/sgd_150e_linear.py'
]

pretrained = ('work_dirs/usdrl_1xb64-40e_synthetic-xsub-keypoint-3d/'
              'epoch_40.pth')
ann_file = 'data/synthetic/synthetic_3d.pkl'
num_classes = 10
hidden_dim = 64

model = dict(
    backbone=dict(
        hidden_dim=hidden_dim,
        init_cfg=dict(type='UmURLPretrained', checkpoint=pretrained)),
    cls_head=dict(num_classes=num_classes, in_channels=2 * hidden_dim))
train_dataloader = dict(
    batch_size=64,
    num_workers=2,
    dataset=dict(
        ann_file=ann_file, split='xsub_train', num_classes=num_classes))
val_dataloader = dict(
    batch_size=128,
    num_workers=2,
    dataset=dict(ann_file=ann_file, split='xsub_val', num_classes=num_classes))
test_dataloader = val_dataloader

# the spec's recipe scaled to 60 epochs at batch 64
optim_wrapper = dict(optimizer=dict(lr=0.03))
param_scheduler = [
    dict(type='MultiStepLR', by_epoch=True, milestones=[45, 55], gamma=0.1)
]
train_cfg = dict(max_epochs=60, val_interval=60)
default_hooks = dict(logger=dict(interval=20))
randomness = dict(seed=0)
