# USDRL linear evaluation on ntu60-xsub: the frozen DSTE of usdrl_2xb178-451e_ntu60-xsub-keypoint-3d.py
# (override the path with --cfg-options model.backbone.init_cfg.checkpoint=;
# for a bone or motion model also set model.backbone.modality).
_base_ = [
    '../../_base_/models/usdrl_linear.py',
    '../../_base_/datasets/skeleton_eval.py',
    '../../_base_/schedules/sgd_160e_linear.py'
]

pretrained = 'work_dirs/usdrl_2xb178-451e_ntu60-xsub-keypoint-3d/epoch_451.pth'
ann_file = 'data/ntu60/ntu60_3d_umurl.pkl'
num_classes = 60

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
optim_wrapper = dict(optimizer=dict(lr=0.006))
