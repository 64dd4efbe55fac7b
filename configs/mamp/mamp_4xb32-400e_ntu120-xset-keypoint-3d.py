# MAMP pre-training on ntu120-xset (8 + 5 blocks, tau 0.75); global batch 128
# = 4 GPUs x 32. Data: python tools/data/ntu_skeleton_to_pkl.py SKELETONS \
#     data/ntu120/ntu120_3d_mamp.pkl --benchmark ntu120 \
#     --preprocess mamp-ntu120
_base_ = [
    '../_base_/models/mamp.py', '../_base_/datasets/mamp_pretrain.py',
    '../_base_/schedules/adamw_400e_warmup.py', '../_base_/default_runtime.py'
]

skeleton = dict(preprocess='mamp-ntu120')

model = dict(decoder=dict(depth=5), tau=0.75)
train_dataloader = dict(
    dataset=dict(ann_file='data/ntu120/ntu120_3d_mamp.pkl', split='xset_train'))
