# UmURL pre-training: model, multi-view pipeline and optimiser (the
# official recipe). Dataset configs set ann_file, split and batch size.
_base_ = ['./default_runtime.py', './umurl_eval_pipeline.py']

custom_imports = dict(imports=['umurl_mm'], allow_failed_imports=False)

clip_len = 64
hidden_dim = 1024
# the one list of modalities: the backbone's, and the views (one per
# modality alone + one fused) of the pipeline and the model derive from it
modalities = ('joint', 'bone', 'motion')
# skeleton layout (joints, bones, centre, coordinates; see
# umurl_mm/datasets/layout.py): the dataset rejects data of any other (V, C)
layout = 'nturgb+d'
in_channels = 3
# The views (one per modality alone + one fused, each a random temporal
# crop-resize, then joint corruption or shear) are made on the model's
# device for the whole batch (UmURLViewPreprocessor); the data workers only
# load and pack one clip per sample.
view_preprocessor = dict(
    type='UmURLViewPreprocessor',
    clip_len=clip_len,
    min_ratio=0.1,
    corrupt_prob=0.5,
    corrupt_joints=15,
    shear=1.0)
model = dict(
    type='UmURLPretrainer',
    backbone=dict(
        type='UmURL',
        modalities=modalities,
        num_frames=clip_len,
        layout=layout,
        num_persons=2,
        in_channels=in_channels,
        hidden_dim=hidden_dim),
    projector=dict(
        type='UmURLProjector',
        in_channels=2 * hidden_dim,
        hidden_channels=2 * hidden_dim,
        out_channels=4096),
    loss=dict(type='UmURLLoss', intra_weight=5.0, inter_weight=5.0),
    data_preprocessor=view_preprocessor)

train_pipeline = [
    dict(type='FormatGCNInput', num_person=2),
    dict(
        type='PackActionInputs',
        meta_keys=('frame_dir', 'total_frames', 'aug_seed'))
]
# Alternative with the same distributions: the views made per sample in the
# data workers. Select it in a leaf config with
#   model = dict(data_preprocessor=dict(
#       _delete_=True, type='ActionDataPreprocessor'))
#   train_dataloader = dict(
#       dataset=dict(pipeline={{_base_.per_sample_view_pipeline}}))
view_pipeline = [
    dict(type='TemporalCropResize', clip_len=clip_len, min_ratio=0.1),
    dict(
        type='mmcv.RandomChoice',
        transforms=[[dict(type='JointCorruption', num_joints=15)],
                    [dict(type='RandomShear', magnitude=1.0)]],
        prob=[0.5, 0.5])
]
per_sample_view_pipeline = [
    dict(type='FormatGCNInput', num_person=2),
    dict(type='MultiView', modalities=modalities, transforms=view_pipeline),
    dict(type='PackActionInputs', meta_keys=('frame_dir', ))
]

dataset_type = 'UmURLPoseDataset'
train_dataloader = dict(
    batch_size=128,
    num_workers=8,
    persistent_workers=True,
    drop_last=True,
    # clips padded into one tensor in the workers, pinned, copied to the
    # device asynchronously
    collate_fn=dict(type='clip_collate'),
    pin_memory=True,
    sampler=dict(type='SeededSampler', shuffle=True),
    dataset=dict(
        type=dataset_type,
        pipeline=train_pipeline,
        layout=layout))

# Adam 5e-4, wd 1e-5; 451 epochs (0..450), lr x0.1 from epoch 351. The
# fused implementation: one kernel for all weights and no host reads (the
# per-weight loop reads every step counter back), the same update to float
# rounding.
optim_wrapper = dict(
    type='AmpOptimWrapper',
    loss_scale='dynamic',
    optimizer=dict(type='Adam', lr=5e-4, weight_decay=1e-5, fused=True))
param_scheduler = [
    dict(type='MultiStepLR', by_epoch=True, milestones=[351], gamma=0.1)
]
train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=451)
auto_scale_lr = dict(enable=False, base_batch_size=512)
