_base_ = [
    '../../_base_/models/umurl_linear.py',
    '../../_base_/datasets/skeleton_eval.py',
    '../../_base_/schedules/sgd_150e_linear.py'
]

# pre-training checkpoint (plugin, or official via tools/convert_official_ckpt.py
# or directly); override with
# --cfg-options model.backbone.init_cfg.checkpoint=PATH
pretrained = 'work_dirs/umurl_8xb128-451e_ntu120-xsub-keypoint-3d/epoch_451.pth'
ann_file = 'data/ntu120/ntu120_3d_umurl.pkl'
num_classes = 120

model = dict(
    backbone=dict(init_cfg=dict(type='UmURLPretrained', checkpoint=pretrained)),
    cls_head=dict(num_classes=num_classes))
train_dataloader = dict(
    dataset=dict(
        ann_file=ann_file, split='xsub_train', num_classes=num_classes))
val_dataloader = dict(
    dataset=dict(
        ann_file=ann_file, split='xsub_val', num_classes=num_classes))
test_dataloader = val_dataloader
