# USDRL pre-training on PKU-MMD II x-sub (joint): the official
# script's batch 512 (2 GPUs x 256), 1201 epochs, lr x0.1 from 801.
_base_ = [
    '../_base_/models/usdrl.py', '../_base_/datasets/skeleton_pretrain.py',
    '../_base_/schedules/adam_451e.py', '../_base_/default_runtime.py'
]

train_dataloader = dict(
    batch_size=256,
    dataset=dict(ann_file='data/pku_mmd2/pku2_3d_umurl.pkl', split='xsub_train'))
param_scheduler = [
    dict(type='MultiStepLR', by_epoch=True, milestones=[801], gamma=0.1)
]
train_cfg = dict(max_epochs=1201)
auto_scale_lr = dict(base_batch_size=512)
