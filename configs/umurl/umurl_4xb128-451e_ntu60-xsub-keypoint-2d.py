# UmURL pre-training on NTU RGB+D 60 x-sub from MMAction2's 2D keypoints
# (ntu60_2d.pkl: HRNet COCO-17 in pixels with scores), read as is:
#     wget -O data/ntu60/ntu60_2d.pkl \
#         https://download.openmmlab.com/mmaction/v1.0/skeleton/data/ntu60_2d.pkl
# Recipe as the 3D config; 2D input as in ../_base_/umurl_2d.py.
_base_ = [
    './umurl_4xb128-451e_ntu60-xsub-keypoint-3d.py',
    '../_base_/datasets/coco17_2d.py'
]

eval_pipeline = {{_base_.eval_pipeline_2d}}
per_sample_view_pipeline = {{_base_.per_sample_view_pipeline_2d}}
model = {{_base_.pretrain_model_2d}}
train_dataloader = dict(
    dataset=dict(
        ann_file='data/ntu60/ntu60_2d.pkl',
        layout={{_base_.layout_2d}},
        with_score=True,
        pipeline={{_base_.train_pipeline_2d}}))
