# kNN retrieval on the synthetic set (small encoder of
# usdrl_1xb64-40e_synthetic-xsub-keypoint-3d.py).
_base_ = [
    '../../_base_/models/usdrl_knn.py', '../../_base_/datasets/skeleton_knn.py',
    '../../_base_/default_runtime.py'
]

ann_file = 'data/synthetic/synthetic_3d.pkl'
model = dict(backbone=dict(hidden_dim=64))
test_dataloader = dict(
    num_workers=2,
    dataset=dict(datasets=[
        dict(
            type={{_base_.dataset_type}},
            ann_file=ann_file,
            split='xsub_train',
            subset='gallery',
            pipeline={{_base_.eval_pipeline}}),
        dict(
            type={{_base_.dataset_type}},
            ann_file=ann_file,
            split='xsub_val',
            subset='query',
            pipeline={{_base_.eval_pipeline}})
    ]))
randomness = dict(seed=0)
