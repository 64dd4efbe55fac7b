# Linear evaluation of umurl_4xb128-451e_ntu60-xsub-keypoint-2d.py on
# MMAction2's ntu60_2d.pkl (x-sub).
_base_ = [
    './umurl-linear_1xb512-150e_ntu60-xsub-keypoint-3d.py',
    '../../_base_/datasets/coco17_2d.py'
]

pretrained = 'work_dirs/umurl_4xb128-451e_ntu60-xsub-keypoint-2d/epoch_451.pth'
ann_file = 'data/ntu60/ntu60_2d.pkl'
eval_pipeline = {{_base_.eval_pipeline_2d}}
model = dict(
    backbone=dict(
        layout={{_base_.layout_2d}},
        in_channels=3,
        init_cfg=dict(checkpoint=pretrained)))
train_dataloader = dict(
    dataset=dict(
        ann_file=ann_file,
        layout={{_base_.layout_2d}},
        with_score=True,
        pipeline={{_base_.eval_pipeline_2d}}))
val_dataloader = dict(
    dataset=dict(
        ann_file=ann_file,
        layout={{_base_.layout_2d}},
        with_score=True,
        pipeline={{_base_.eval_pipeline_2d}}))
test_dataloader = val_dataloader
