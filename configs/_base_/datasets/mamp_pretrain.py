# MAMP pre-training data: one view per sample made in the data workers.
# Leaf configs set ann_file, split and the batch size.
_base_ = './mamp_pipelines.py'

dataset_type = 'UmURLPoseDataset'
train_dataloader = dict(
    batch_size=32,
    num_workers=8,
    persistent_workers=True,
    drop_last=True,
    pin_memory=True,
    sampler=dict(type='SeededSampler', shuffle=True),
    dataset=dict(
        type=dataset_type,
        pipeline={{_base_.mamp_train_pipeline}},
        layout='nturgb+d'))
