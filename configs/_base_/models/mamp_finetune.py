# MAMP fine-tuning: the whole encoder (stochastic depth 0.3) under
# MAMPFinetuneHead (dropout 0.3, mean over segments, joints concatenated,
# 2048 hidden), label smoothing 0.1. in_channels = joints x 256.
model = dict(
    type='RecognizerGCN',
    backbone=dict(type='MAMPEncoder', num_frames=120, drop_path=0.3),
    cls_head=dict(
        type='MAMPFinetuneHead',
        num_classes=60,
        in_channels=25 * 256,
        label_smooth_eps=0.1))
