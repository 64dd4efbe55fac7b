# MAMP linear probe on pku1-xsub: the frozen encoder of
# mamp_4xb32-400e_pku1-xsub-keypoint-3d.py, BatchNorm (no affine) + Linear;
# 2 GPUs x 64, SGD lr 0.1, cosine, 100 epochs, best top-1 kept. Override the
# checkpoint with --cfg-options model.backbone.init_cfg.checkpoint=PATH.
_base_ = [
    '../../_base_/models/mamp_linear.py', '../../_base_/datasets/mamp_eval.py',
    '../../_base_/schedules/sgd_100e_mamp_linear.py'
]

skeleton = dict(preprocess='mamp-pku')

pretrained = 'work_dirs/mamp_4xb32-400e_pku1-xsub-keypoint-3d/epoch_301.pth'
ann_file = 'data/pku_mmd1/pku1_3d_mamp.pkl'
model = dict(
    backbone=dict(init_cfg=dict(type='UmURLPretrained', checkpoint=pretrained)),
    cls_head=dict(num_classes=51))
train_dataloader = dict(
    batch_size=64,
    dataset=dict(ann_file=ann_file, split='xsub_train', num_classes=51))
val_dataloader = dict(
    dataset=dict(ann_file=ann_file, split='xsub_val', num_classes=51))
test_dataloader = val_dataloader
auto_scale_lr = dict(base_batch_size=128)
