# USDRL pre-training on NW-UCLA (Kinect v1, 20 joints, one person, ~30 fps,
# clips of about 10-200 frames): views of 32 frames; minutes on 2 CPU cores.
# Data: python tools/data/kinect_v1_to_pkl.py nw_ucla SRC \
#     data/nw_ucla/nw_ucla.pkl
_base_ = './usdrl_1xb32-100e_utd-mhad-xsub-keypoint-3d.py'

skeleton = dict(layout='kinect_v1', num_person=1, clip_len=32)
train_dataloader = dict(
    dataset=dict(ann_file='data/nw_ucla/nw_ucla.pkl', split='xview_train'))
