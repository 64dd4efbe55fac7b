# Linear evaluation model: MMAction2's RecognizerGCN on the frozen UmURL
# encoder (eval mode, no gradients) with a linear classifier, Linear(2048 ->
# classes) ~ N(0, 0.01). The head is FP32GCNHead, GCNHead with float32
# scores, so that training under bf16 autocast works (MMAction2 computes
# the accuracy in NumPy, which has no bfloat16); any MMAction2 head fits in
# its place. Leaf configs set the classes and
# model.backbone.init_cfg.checkpoint (the pre-training checkpoint).
model = dict(
    type='RecognizerGCN',
    backbone=dict(
        type='UmURL',
        modalities=('joint', 'bone', 'motion'),
        num_frames=64,
        hidden_dim=1024,
        frozen=True),
    cls_head=dict(
        type='FP32GCNHead',
        num_classes=60,
        in_channels=2048,
        init_cfg=dict(type='Normal', layer='Linear', std=0.01, bias=0)))
