_base_ = [
    '../_base_/models/umurl.py', '../_base_/datasets/skeleton_pretrain.py',
    '../_base_/schedules/adam_451e.py', '../_base_/default_runtime.py'
]

# PKU-MMD II (tools/data/pku_mmd_to_pkl.py); the spec gives no batch size for
# PKU-MMD II pre-training: we use the NTU-60 x-sub one (4 GPUs x 128 = 512)
train_dataloader = dict(
    batch_size=128,
    dataset=dict(ann_file='data/pku_mmd2/pku2_3d_umurl.pkl', split='xsub_train'))
auto_scale_lr = dict(base_batch_size=512)
