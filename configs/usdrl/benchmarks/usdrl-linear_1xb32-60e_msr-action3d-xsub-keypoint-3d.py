# Linear evaluation on MSR Action3D (20 actions, the 557 standard
# sequences, x-sub: odd / even subjects) of
# usdrl_1xb32-100e_msr-action3d-xsub-keypoint-3d.py.
_base_ = './usdrl-linear_1xb32-60e_utd-mhad-xsub-keypoint-3d.py'

skeleton = dict(layout='kinect_v1', num_person=1, clip_len=16)
pretrained = ('work_dirs/usdrl_1xb32-100e_msr-action3d-xsub-keypoint-3d/'
              'epoch_100.pth')
ann_file = 'data/msr_action3d/msr_action3d.pkl'
model = dict(
    backbone=dict(init_cfg=dict(checkpoint=pretrained)),
    cls_head=dict(num_classes=20))
train_dataloader = dict(dataset=dict(ann_file=ann_file, num_classes=20))
val_dataloader = dict(dataset=dict(ann_file=ann_file, num_classes=20))
test_dataloader = val_dataloader
