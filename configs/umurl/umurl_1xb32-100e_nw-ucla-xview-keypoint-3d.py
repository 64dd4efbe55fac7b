# UmURL pre-training on NW-UCLA (Kinect v1, 20 joints, one person, ~30 fps,
# clips of about 10-200 frames): views of 32 frames; minutes on 2 CPU cores.
# Data: python tools/data/kinect_v1_to_pkl.py nw_ucla SRC \
#     data/nw_ucla/nw_ucla.pkl
_base_ = './umurl_1xb64-40e_synthetic-xsub-keypoint-3d.py'

skeleton = dict(layout='kinect_v1', num_person=1, clip_len=32)
train_dataloader = dict(
    batch_size=32,
    dataset=dict(ann_file='data/nw_ucla/nw_ucla.pkl', split='xview_train'))
param_scheduler = [
    dict(type='MultiStepLR', by_epoch=True, milestones=[80], gamma=0.1)
]
train_cfg = dict(max_epochs=100)
default_hooks = dict(checkpoint=dict(interval=100))
auto_scale_lr = dict(base_batch_size=32)
