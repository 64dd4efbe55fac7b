# Linear evaluation of configs/umurl_ntu60_xsub.py (the official recipe:
# batch 512 in one process, test split every 5 epochs, best top-1 kept):
#     python tools/train.py configs/umurl_ntu60_xsub_linear.py
_base_ = './umurl/benchmarks/umurl-linear_1xb512-150e_ntu60-xsub-keypoint-3d.py'

pretrained = 'work_dirs/umurl_ntu60_xsub/epoch_451.pth'
model = dict(backbone=dict(init_cfg=dict(checkpoint=pretrained)))
