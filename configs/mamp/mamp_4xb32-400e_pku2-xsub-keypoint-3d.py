# MAMP pre-training on pku2-xsub (8 + 5 blocks, tau 0.8); global batch 128
# = 4 GPUs x 32. Data: python tools/data/pku_mmd_to_pkl.py SKELETONS LABELS \
#     cross-subject.txt data/pku_mmd2/pku2_3d_mamp.pkl \
#     --preprocess mamp-pku --max-frames 300
_base_ = [
    '../_base_/models/mamp.py', '../_base_/datasets/mamp_pretrain.py',
    '../_base_/schedules/adamw_400e_warmup.py', '../_base_/default_runtime.py'
]

skeleton = dict(preprocess='mamp-pku')

model = dict(decoder=dict(depth=5), tau=0.8)
train_dataloader = dict(
    dataset=dict(ann_file='data/pku_mmd2/pku2_3d_mamp.pkl', split='xsub_train'))
# downstream uses the epoch-301 checkpoint (official checkpoint-300)
default_hooks = dict(
    checkpoint=dict(interval=100, save_begin=1, max_keep_ckpts=-1))
