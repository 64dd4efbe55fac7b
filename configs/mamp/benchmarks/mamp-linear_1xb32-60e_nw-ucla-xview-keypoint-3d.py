# MAMP linear probe on NW-UCLA (10 actions, x-view: views 1, 2 train,
# view 3 test) of mamp_1xb32-400e_nw-ucla-xview-keypoint-3d.py.
_base_ = './mamp-linear_1xb64-60e_synthetic-xsub-keypoint-3d.py'

skeleton = dict(layout='kinect_v1', num_person=1, clip_len=32)
pretrained = 'work_dirs/mamp_1xb32-400e_nw-ucla-xview-keypoint-3d/epoch_400.pth'
ann_file = 'data/nw_ucla/nw_ucla_mamp.pkl'
model = dict(
    backbone=dict(init_cfg=dict(checkpoint=pretrained)),
    cls_head=dict(num_classes=10))
train_dataloader = dict(
    batch_size=32,
    dataset=dict(ann_file=ann_file, split='xview_train', num_classes=10))
val_dataloader = dict(
    dataset=dict(ann_file=ann_file, split='xview_val', num_classes=10))
test_dataloader = val_dataloader
auto_scale_lr = dict(base_batch_size=32)
