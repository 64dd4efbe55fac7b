# Linear evaluation on NW-UCLA (10 actions, x-view: views 1, 2 / view 3) of
# usdrl_1xb32-100e_nw-ucla-xview-keypoint-3d.py.
_base_ = './usdrl-linear_1xb32-60e_utd-mhad-xsub-keypoint-3d.py'

skeleton = dict(layout='kinect_v1', num_person=1, clip_len=32)
pretrained = ('work_dirs/usdrl_1xb32-100e_nw-ucla-xview-keypoint-3d/'
              'epoch_100.pth')
ann_file = 'data/nw_ucla/nw_ucla.pkl'
model = dict(
    backbone=dict(init_cfg=dict(checkpoint=pretrained)),
    cls_head=dict(num_classes=10))
train_dataloader = dict(
    dataset=dict(ann_file=ann_file, split='xview_train', num_classes=10))
val_dataloader = dict(
    dataset=dict(ann_file=ann_file, split='xview_val', num_classes=10))
test_dataloader = val_dataloader
