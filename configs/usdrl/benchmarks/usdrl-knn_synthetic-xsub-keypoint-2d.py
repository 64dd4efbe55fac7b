# kNN retrieval on the synthetic 2D set (small encoder of
# usdrl_1xb64-40e_synthetic-xsub-keypoint-2d.py).
_base_ = [
    './usdrl-knn_synthetic-xsub-keypoint-3d.py', '../../_base_/datasets/coco17_2d.py'
]

ann_file = 'data/synthetic/synthetic_2d.pkl'
eval_pipeline = {{_base_.eval_pipeline_2d}}
model = dict(backbone={{_base_.backbone_2d}})
test_dataloader = dict(
    dataset=dict(datasets=[
        dict(
            type='UmURLPoseDataset',
            ann_file=ann_file,
            split='xsub_train',
            subset='gallery',
            layout={{_base_.layout_2d}},
            with_score=True,
            pipeline={{_base_.eval_pipeline_2d}}),
        dict(
            type='UmURLPoseDataset',
            ann_file=ann_file,
            split='xsub_val',
            subset='query',
            layout={{_base_.layout_2d}},
            with_score=True,
            pipeline={{_base_.eval_pipeline_2d}})
    ]))
