# MAMP pre-training on msr-action3d (Kinect v1, 20 joints, one person): the
# UTD-MHAD recipe (32-frame views, half of the 160 tokens masked, batch 32,
# 400 epochs) on its own data; the ~15 fps clips are resampled to 32 frames
# (16 would leave 4 segments of 4). Data:
# python tools/data/kinect_v1_to_pkl.py msr_action3d SRC \
#     data/msr_action3d/msr_action3d_mamp.pkl --preprocess mamp
_base_ = './mamp_1xb32-400e_utd-mhad-xsub-keypoint-3d.py'

skeleton = dict(layout='kinect_v1', num_person=1, clip_len=32)
train_dataloader = dict(
    dataset=dict(ann_file='data/msr_action3d/msr_action3d_mamp.pkl'))
