# Linear evaluation on the synthetic 2D set (encoder of
# usdrl_1xb64-40e_synthetic-xsub-keypoint-2d.py).
_base_ = [
    './usdrl-linear_1xb64-60e_synthetic-xsub-keypoint-3d.py',
    '../../_base_/datasets/coco17_2d.py'
]

pretrained = ('work_dirs/usdrl_1xb64-40e_synthetic-xsub-keypoint-2d/'
              'epoch_40.pth')
ann_file = 'data/synthetic/synthetic_2d.pkl'
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
