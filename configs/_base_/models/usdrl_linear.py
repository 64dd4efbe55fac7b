# USDRL linear evaluation model: MMAction2's RecognizerGCN on the frozen
# DSTE encoder of one modality with a linear classifier, Linear(2048 ->
# classes) ~ N(0, 0.01) (FP32GCNHead: GCNHead with float32 scores). Leaf
# configs set the classes and model.backbone.init_cfg.checkpoint.
model = dict(
    type='RecognizerGCN',
    backbone=dict(
        type='DSTE',
        modality='joint',
        num_frames=64,
        hidden_dim=1024,
        frozen=True),
    cls_head=dict(
        type='FP32GCNHead',
        num_classes=60,
        in_channels=2048,
        init_cfg=dict(type='Normal', layer='Linear', std=0.01, bias=0)))
