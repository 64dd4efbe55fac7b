# USDRL pre-training model: one DSTE encoder for one modality (joint here;
# the bone and motion configs set model.backbone.modality), the temporal,
# spatial and instance projectors and the multi-grained decorrelation loss.
# Four views of the modality per sample (UmURL's augmentations), made on
# the model's device for the whole batch by the data preprocessor.
view_preprocessor = dict(
    type='UmURLViewPreprocessor',
    clip_len=64,
    min_ratio=0.1,
    corrupt_prob=0.5,  # of 3/5 of the layout's joints (15 of NTU's 25)
    shear=1.0)
model = dict(
    type='USDRLPretrainer',
    backbone=dict(
        type='DSTE',
        modality='joint',
        num_frames=64,
        layout='nturgb+d',
        num_person=2,
        in_channels=3,
        hidden_dim=1024,
        num_layers=2,
        drop_path=0.1),
    projector=dict(
        temporal=dict(
            type='UmURLProjector',
            in_channels=1024,
            hidden_channels=2048,
            out_channels=2048),
        spatial=dict(
            type='UmURLProjector',
            in_channels=1024,
            hidden_channels=2048,
            out_channels=2048),
        instance=dict(
            type='UmURLProjector',
            in_channels=2048,
            hidden_channels=2048,
            out_channels=4096)),
    loss=dict(type='USDRLLoss'),
    num_views=4,
    data_preprocessor=view_preprocessor)
