# 2D skeletons as MMAction2's pose extraction stores them: COCO-17 keypoints
# in pixels (M, T, 17, 2), keypoint_score (M, T, 17) and img_shape. Every
# clip is normalised on the fly by UmURLPreNormalize2D, the same way at
# pre-training and evaluation: most active bodies, loop padding, per-frame
# centring on the torso centre of person 0, scale = half the longer image
# side (why: umurl_mm/datasets/preprocess.py, normalize_2d). The scores
# follow as a third channel (MMAction2's FormatGCNInput appends them); the
# view augmentations shear / mix only x and y. 2D leaf configs take their
# 3D counterpart and these overrides (variables only: no key clashes).
layout_2d = 'coco'
normalize_2d = dict(type='UmURLPreNormalize2D', layout=layout_2d,
                    with_score=True)
# encoder input: x, y, score
backbone_2d = dict(layout=layout_2d, in_channels=3)
# 15 of 25 NTU joints corrupted -> 10 of 17 (the views shear and mix x, y:
# the model gives its preprocessor the layout's coordinates)
pretrain_model_2d = dict(
    backbone=backbone_2d, data_preprocessor=dict(corrupt_joints=10))
train_pipeline_2d = [
    normalize_2d,
    dict(type='FormatGCNInput', num_person=2),
    dict(
        type='PackActionInputs',
        meta_keys=('frame_dir', 'total_frames', 'aug_seed'))
]
eval_pipeline_2d = [
    normalize_2d,
    dict(type='FormatGCNInput', num_person=2),
    dict(type='TemporalCropResize', clip_len=64, test_mode=True),
    dict(type='PackActionInputs', meta_keys=('frame_dir', 'subset'))
]
# the per-sample alternative to the device-side views (see
# ./skeleton_pretrain.py), the same overrides
per_sample_view_pipeline_2d = [
    normalize_2d,
    dict(type='FormatGCNInput', num_person=2),
    dict(
        type='MultiView',
        modalities=('joint', 'bone', 'motion'),
        clip_len=64,
        min_ratio=0.1,
        corrupt_prob=0.5,
        corrupt_joints=10,
        shear=1.0,
        num_coords=2),
    dict(type='PackActionInputs', meta_keys=('frame_dir', ))
]
