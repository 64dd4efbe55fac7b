# MAMP pre-training on ntu60-xview (8 + 3 blocks, tau 0.8); global batch 128
# = 4 GPUs x 32. Data: python tools/data/ntu_skeleton_to_pkl.py SKELETONS \
#     data/ntu60/ntu60_3d_mamp.pkl --preprocess mamp (or
#     tools/data/normalize_pose_pkl.py ntu60_3d.pkl ... --preprocess mamp)
_base_ = [
    '../_base_/models/mamp.py', '../_base_/datasets/mamp_pretrain.py',
    '../_base_/schedules/adamw_400e_warmup.py', '../_base_/default_runtime.py'
]

train_dataloader = dict(
    dataset=dict(ann_file='data/ntu60/ntu60_3d_mamp.pkl', split='xview_train'))
