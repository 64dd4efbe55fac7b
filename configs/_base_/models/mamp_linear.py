# MAMP linear probe: MMAction2's RecognizerGCN on the frozen encoder with
# MAMPLinearHead (token mean -> BatchNorm without affine -> Linear).
# Leaf configs set the classes and model.backbone.init_cfg.checkpoint.
model = dict(
    type='RecognizerGCN',
    backbone=dict(type='MAMPEncoder', num_frames=120, frozen=True),
    cls_head=dict(type='MAMPLinearHead', num_classes=60, in_channels=256))
