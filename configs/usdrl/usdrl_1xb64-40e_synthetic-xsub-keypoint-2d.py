# The synthetic USDRL recipe on 2D COCO-17 keypoints in MMAction2's format
# (python tools/data/gen_synthetic.py --2d --out data/synthetic/synthetic_2d.pkl).
_base_ = [
    './usdrl_1xb64-40e_synthetic-xsub-keypoint-3d.py',
    '../_base_/datasets/coco17_2d.py'
]

eval_pipeline = {{_base_.eval_pipeline_2d}}
model = {{_base_.pretrain_model_2d}}
train_dataloader = dict(
    dataset=dict(
        ann_file='data/synthetic/synthetic_2d.pkl',
        layout={{_base_.layout_2d}},
        with_score=True,
        pipeline={{_base_.train_pipeline_2d}}))
