# MAMP kNN retrieval data: gallery = the training split, queries = the
# test split, both through MAMP's evaluation view; cosine similarity,
# k = 1. Leaf configs fill in the two datasets.
_base_ = './mamp_pipelines.py'

dataset_type = 'UmURLPoseDataset'
test_dataloader = dict(
    batch_size=128,
    num_workers=8,
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(type='ConcatDataset', datasets=[]))
test_evaluator = dict(type='KNNRetrievalMetric', k=1, recall_at=(1, 5))
test_cfg = dict(type='TestLoop')
