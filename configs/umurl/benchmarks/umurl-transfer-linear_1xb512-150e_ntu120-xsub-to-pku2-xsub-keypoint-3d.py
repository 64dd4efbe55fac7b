# Transfer: linear evaluation on PKU-MMD II x-sub of the encoder pre-trained
# on NTU-120 x-sub (override the path with
# --cfg-options model.backbone.init_cfg.checkpoint=PATH).
_base_ = './umurl-linear_1xb512-150e_pku2-xsub-keypoint-3d.py'

pretrained = 'work_dirs/umurl_8xb128-451e_ntu120-xsub-keypoint-3d/epoch_451.pth'
model = dict(backbone=dict(init_cfg=dict(checkpoint=pretrained)))
