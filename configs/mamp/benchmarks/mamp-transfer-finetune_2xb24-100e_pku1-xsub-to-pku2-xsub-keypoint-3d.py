# Transfer: MAMP fine-tuning on PKU-MMD II x-sub (51 classes) of the encoder
# pre-trained on pku1-xsub (mamp_4xb32-400e_pku1-xsub-keypoint-3d.py).
_base_ = './mamp-transfer-finetune_2xb24-100e_ntu60-xsub-to-pku2-xsub-keypoint-3d.py'

pretrained = 'work_dirs/mamp_4xb32-400e_pku1-xsub-keypoint-3d/epoch_301.pth'
model = dict(backbone=dict(init_cfg=dict(checkpoint=pretrained)))
