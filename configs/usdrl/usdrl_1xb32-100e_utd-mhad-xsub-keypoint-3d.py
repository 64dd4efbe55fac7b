# USDRL pre-training on UTD-MHAD (Kinect v1, 20 joints, one person, ~30 fps,
# clips of 41-125 frames): views of 32 frames; minutes on 2 CPU cores.
# The small-real-set recipe (MSR Action3D's and NW-UCLA's leaves inherit
# it): H = 128 on the motion modality, 100 epochs at batch 32. On joints
# the random encoder's max-pooled features already retrieve almost as
# well as the raw joints, and pre-training gained less than 10 kNN points
# (docs/real_skeletons.md).
# Data: python tools/data/kinect_v1_to_pkl.py utd_mhad SRC \
#     data/utd_mhad/utd_mhad.pkl
_base_ = './usdrl_1xb64-40e_synthetic-xsub-keypoint-3d.py'

skeleton = dict(layout='kinect_v1', num_person=1, clip_len=32)
hidden_dim = 128
model = dict(
    backbone=dict(hidden_dim=hidden_dim, modality='motion'),
    projector=dict(
        temporal=dict(in_channels=hidden_dim, hidden_channels=2 * hidden_dim,
                      out_channels=2 * hidden_dim),
        spatial=dict(in_channels=hidden_dim, hidden_channels=2 * hidden_dim,
                     out_channels=2 * hidden_dim),
        instance=dict(in_channels=2 * hidden_dim,
                      hidden_channels=2 * hidden_dim,
                      out_channels=4 * hidden_dim)))
train_dataloader = dict(
    batch_size=32, dataset=dict(ann_file='data/utd_mhad/utd_mhad.pkl'))
param_scheduler = [
    dict(type='MultiStepLR', by_epoch=True, milestones=[80], gamma=0.1)
]
train_cfg = dict(max_epochs=100)
default_hooks = dict(checkpoint=dict(interval=100))
auto_scale_lr = dict(base_batch_size=32)
