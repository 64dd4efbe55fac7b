_base_ = [
    '../_base_/models/umurl.py', '../_base_/datasets/skeleton_pretrain.py',
    '../_base_/schedules/adam_451e.py', '../_base_/default_runtime.py'
]

# global batch 1024 = 8 GPUs x 128; data from tools/data/ntu_skeleton_to_pkl.py or
# tools/data/official_npy_to_pkl.py
train_dataloader = dict(
    batch_size=128,
    dataset=dict(ann_file='data/ntu120/ntu120_3d_umurl.pkl', split='xsub_train'))
auto_scale_lr = dict(base_batch_size=1024)
