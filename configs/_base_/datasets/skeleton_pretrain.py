# Pre-training data: UmURLPoseDataset (MMAction2's PoseDataset format,
# validated on loading). The workers load and pack one clip per sample
# with its augmentation seed; the model's data preprocessor makes the
# views. Leaf configs set ann_file, split and the batch size.
_base_ = './eval_pipeline.py'

dataset_type = 'UmURLPoseDataset'
train_pipeline = [
    dict(type='FormatGCNInput', num_person=2),
    dict(
        type='PackActionInputs',
        meta_keys=('frame_dir', 'total_frames', 'aug_seed'))
]
# Alternative: the same views made per sample in the data workers
# (MultiView, the same code and draws as the model's data preprocessor;
# its modalities and view settings must be the model's). Select it in a
# leaf config with
#   model = dict(data_preprocessor=dict(
#       _delete_=True, type='ActionDataPreprocessor'))
#   train_dataloader = dict(
#       dataset=dict(pipeline={{_base_.per_sample_view_pipeline}}))
per_sample_view_pipeline = [
    dict(type='FormatGCNInput', num_person=2),
    dict(
        type='MultiView',
        modalities=('joint', 'bone', 'motion'),
        clip_len=64,
        min_ratio=0.1,
        corrupt_prob=0.5,  # of 3/5 of the layout's joints (15 of 25)
            shear=1.0),
    dict(type='PackActionInputs', meta_keys=('frame_dir', ))
]
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
        type=dataset_type, pipeline=train_pipeline, layout='nturgb+d'))
