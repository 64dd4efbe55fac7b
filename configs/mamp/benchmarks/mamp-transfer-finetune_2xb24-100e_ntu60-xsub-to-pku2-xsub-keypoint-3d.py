# Transfer: MAMP fine-tuning on PKU-MMD II x-sub (51 classes) of the encoder
# pre-trained on ntu60-xsub (mamp_4xb32-400e_ntu60-xsub-keypoint-3d.py).
_base_ = [
    '../../_base_/models/mamp_finetune.py', '../../_base_/datasets/mamp_eval.py',
    '../../_base_/schedules/adamw_100e_layer_decay.py'
]

skeleton = dict(preprocess='mamp-pku')

pretrained = 'work_dirs/mamp_4xb32-400e_ntu60-xsub-keypoint-3d/epoch_400.pth'
ann_file = 'data/pku_mmd2/pku2_3d_mamp.pkl'
model = dict(
    backbone=dict(init_cfg=dict(type='UmURLPretrained', checkpoint=pretrained)),
    cls_head=dict(num_classes=51))
train_dataloader = dict(
    batch_size=24,
    dataset=dict(ann_file=ann_file, split='xsub_train', num_classes=51))
val_dataloader = dict(
    dataset=dict(ann_file=ann_file, split='xsub_val', num_classes=51))
test_dataloader = val_dataloader
