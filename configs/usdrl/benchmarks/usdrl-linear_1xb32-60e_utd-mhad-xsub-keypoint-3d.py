# Linear evaluation on UTD-MHAD (27 actions, x-sub: odd / even subjects) of
# usdrl_1xb32-100e_utd-mhad-xsub-keypoint-3d.py (MSR Action3D's and NW-UCLA's
# leaves inherit it).
_base_ = './usdrl-linear_1xb64-60e_synthetic-xsub-keypoint-3d.py'

skeleton = dict(layout='kinect_v1', num_person=1, clip_len=32)
pretrained = ('work_dirs/usdrl_1xb32-100e_utd-mhad-xsub-keypoint-3d/'
              'epoch_100.pth')
ann_file = 'data/utd_mhad/utd_mhad.pkl'
model = dict(  # the encoder of the small-real-set recipe
    backbone=dict(hidden_dim=128, modality='motion',
                  init_cfg=dict(checkpoint=pretrained)),
    cls_head=dict(num_classes=27, in_channels=256))
train_dataloader = dict(
    batch_size=32, dataset=dict(ann_file=ann_file, num_classes=27))
val_dataloader = dict(dataset=dict(ann_file=ann_file, num_classes=27))
test_dataloader = val_dataloader
