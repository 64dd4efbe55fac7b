# MAMP fine-tuning on ntu120-xsub from mamp_4xb32-400e_ntu120-xsub-keypoint-3d.py:
# drop path 0.3, MAMPFinetuneHead, AdamW lr 3e-4 with layer decay 0.8, 5
# warm-up epochs, cosine to 1e-5, label smoothing 0.1; 2 GPUs x 24. Scratch
# baseline: model.backbone.init_cfg=None and
# optim_wrapper.paramwise_cfg.decay_rate=1.0.
_base_ = [
    '../../_base_/models/mamp_finetune.py', '../../_base_/datasets/mamp_eval.py',
    '../../_base_/schedules/adamw_100e_layer_decay.py'
]

skeleton = dict(preprocess='mamp-ntu120')

pretrained = 'work_dirs/mamp_4xb32-400e_ntu120-xsub-keypoint-3d/epoch_400.pth'
ann_file = 'data/ntu120/ntu120_3d_mamp.pkl'
model = dict(
    backbone=dict(init_cfg=dict(type='UmURLPretrained', checkpoint=pretrained)),
    cls_head=dict(num_classes=120))
train_dataloader = dict(
    batch_size=24,
    dataset=dict(ann_file=ann_file, split='xsub_train', num_classes=120))
val_dataloader = dict(
    dataset=dict(ann_file=ann_file, split='xsub_val', num_classes=120))
test_dataloader = val_dataloader
