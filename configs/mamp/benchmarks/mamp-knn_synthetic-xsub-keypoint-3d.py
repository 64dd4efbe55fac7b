# MAMP kNN retrieval on the synthetic set (small encoder of
# mamp_1xb64-150e_synthetic-xsub-keypoint-3d.py).
_base_ = [
    '../../_base_/models/mamp_knn.py', '../../_base_/datasets/mamp_knn.py',
    '../../_base_/default_runtime.py'
]

skeleton = dict(clip_len=32)
ann_file = 'data/synthetic/synthetic_3d_mamp.pkl'
model = dict(backbone=dict(embed_dims=128, depth=4, num_heads=4))
test_dataloader = dict(
    num_workers=2,
    dataset=dict(datasets=[
        dict(
            type={{_base_.dataset_type}},
            ann_file=ann_file,
            split='xsub_train',
            subset='gallery',
            pipeline={{_base_.mamp_eval_pipeline}}),
        dict(
            type={{_base_.dataset_type}},
            ann_file=ann_file,
            split='xsub_val',
            subset='query',
            pipeline={{_base_.mamp_eval_pipeline}})
    ]))
randomness = dict(seed=0)
