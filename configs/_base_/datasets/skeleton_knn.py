# kNN retrieval data: gallery = the training split, queries = the test
# split, both through the evaluation pipeline; cosine similarity, k = 1.
# Leaf configs fill in the two datasets (UmURLPoseDataset with
# subset='gallery' / 'query').
_base_ = './eval_pipeline.py'

dataset_type = 'UmURLPoseDataset'
test_dataloader = dict(
    batch_size=128,
    num_workers=8,
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(type='ConcatDataset', datasets=[]))
test_evaluator = dict(type='KNNRetrievalMetric', k=1, recall_at=(1, 5))
test_cfg = dict(type='TestLoop')
