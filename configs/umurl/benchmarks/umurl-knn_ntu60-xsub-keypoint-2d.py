# kNN retrieval on MMAction2's ntu60_2d.pkl (x-sub) with the encoder of
# umurl_4xb128-451e_ntu60-xsub-keypoint-2d.py:
#     python tools/test.py THIS_CONFIG CHECKPOINT
_base_ = ['./umurl-knn_ntu60-xsub-keypoint-3d.py', '../../_base_/datasets/coco17_2d.py']

ann_file = 'data/ntu60/ntu60_2d.pkl'
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
