# MAMP linear probe on msr-action3d (20 actions, x-sub: odd / even subjects) of
# mamp_1xb32-400e_msr-action3d-xsub-keypoint-3d.py.
_base_ = './mamp-linear_1xb64-60e_synthetic-xsub-keypoint-3d.py'

skeleton = dict(layout='kinect_v1', num_person=1, clip_len=32)
pretrained = 'work_dirs/mamp_1xb32-400e_msr-action3d-xsub-keypoint-3d/epoch_400.pth'
ann_file = 'data/msr_action3d/msr_action3d_mamp.pkl'
model = dict(
    backbone=dict(init_cfg=dict(checkpoint=pretrained)),
    cls_head=dict(num_classes=20))
train_dataloader = dict(
    batch_size=32, dataset=dict(ann_file=ann_file, num_classes=20))
val_dataloader = dict(dataset=dict(ann_file=ann_file, num_classes=20))
test_dataloader = val_dataloader
auto_scale_lr = dict(base_batch_size=32)
