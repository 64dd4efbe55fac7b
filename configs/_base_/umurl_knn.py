# kNN retrieval with tools/test.py: L2-normalised 2048-d fused features of
# the frozen encoder; gallery = training split, queries = test split;
# cosine similarity, k = 1. Dataset configs fill in the two datasets.
_base_ = ['./default_runtime.py', './umurl_eval_pipeline.py']

custom_imports = dict(imports=['umurl_mm'], allow_failed_imports=False)

model = dict(
    type='UmURLPretrainer',
    backbone=dict(
        type='UmURL',
        modalities=('joint', 'bone', 'motion'),
        num_frames=64,
        hidden_dim=1024),
    projector=None,  # features only
    eval_modalities=('joint', 'bone', 'motion'))

dataset_type = 'UmURLPoseDataset'
test_dataloader = dict(
    batch_size=128,
    num_workers=8,
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(type='ConcatDataset', datasets=[]))
test_evaluator = dict(type='KNNRetrievalMetric', k=1, recall_at=(1, 5))
test_cfg = dict(type='TestLoop')
