# USDRL pre-training on ntu60-xview (joint), the official recipe: global batch
# 356 = 2 GPUs x 178, Adam 5e-4, 451 epochs, lr x0.1 from 351, AMP.
_base_ = [
    '../_base_/models/usdrl.py', '../_base_/datasets/skeleton_pretrain.py',
    '../_base_/schedules/adam_451e.py', '../_base_/default_runtime.py'
]

train_dataloader = dict(
    batch_size=178,
    dataset=dict(ann_file='data/ntu60/ntu60_3d_umurl.pkl', split='xview_train'))
auto_scale_lr = dict(base_batch_size=356)
