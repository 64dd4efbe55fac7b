# UmURL pre-training model: the unified multi-modal encoder, one projector
# per modality and the loss. The views (one per modality alone + one
# fused, each a random temporal crop-resize to 64 frames, then joint
# corruption or shear) are made on the model's device for the whole batch
# by the data preprocessor.
view_preprocessor = dict(
    type='UmURLViewPreprocessor',
    clip_len=64,
    min_ratio=0.1,
    corrupt_prob=0.5,  # of 3/5 of the layout's joints (15 of NTU's 25)
    shear=1.0)
model = dict(
    type='UmURLPretrainer',
    backbone=dict(
        type='UmURL',
        # the one list of modalities: the views (one per modality alone +
        # one fused) derive from it
        modalities=('joint', 'bone', 'motion'),
        num_frames=64,
        # skeleton layout: joints, bones, centre, coordinates (see
        # umurl_mm/datasets/layout.py)
        layout='nturgb+d',
        num_person=2,
        in_channels=3,
        hidden_dim=1024),
    projector=dict(
        type='UmURLProjector',
        in_channels=2048,
        hidden_channels=2048,
        out_channels=4096),
    loss=dict(type='UmURLLoss', intra_weight=5.0, inter_weight=5.0),
    data_preprocessor=view_preprocessor)
