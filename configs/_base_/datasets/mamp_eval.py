# MAMP linear-probe and fine-tuning data: the training view for training,
# the centre crop for testing; top-1 / top-5 on the test split. Leaf
# configs set ann_file, split and num_classes of the loaders.
_base_ = './mamp_pipelines.py'

dataset_type = 'UmURLPoseDataset'
train_dataloader = dict(
    batch_size=128,
    num_workers=8,
    persistent_workers=True,
    sampler=dict(type='SeededSampler', shuffle=True),
    dataset=dict(type=dataset_type, pipeline={{_base_.mamp_train_pipeline}}))
val_dataloader = dict(
    batch_size=128,
    num_workers=8,
    persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(
        type=dataset_type,
        pipeline={{_base_.mamp_eval_pipeline}},
        test_mode=True))
test_dataloader = val_dataloader
val_evaluator = dict(type='AccMetric')
test_evaluator = val_evaluator
