# Linear evaluation data: the evaluation pipeline for training and testing;
# the test split evaluated with top-1 / top-5. Leaf configs set ann_file,
# split and num_classes of the three loaders.
_base_ = './eval_pipeline.py'

dataset_type = 'UmURLPoseDataset'
train_dataloader = dict(
    batch_size=512,
    num_workers=8,
    persistent_workers=True,
    sampler=dict(type='SeededSampler', shuffle=True),
    dataset=dict(type=dataset_type, pipeline={{_base_.eval_pipeline}}))
val_dataloader = dict(
    batch_size=128,
    num_workers=8,
    persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(
        type=dataset_type, pipeline={{_base_.eval_pipeline}},
        test_mode=True))
test_dataloader = val_dataloader
val_evaluator = dict(type='AccMetric')
test_evaluator = val_evaluator
