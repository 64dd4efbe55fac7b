# USDRL pre-training on MSR Action3D (Kinect v1, 20 joints, one person,
# ~15 fps, clips of 13-76 frames): views of 16 frames; minutes on 2 CPU
# cores. Data: python tools/data/kinect_v1_to_pkl.py msr_action3d SRC \
#     data/msr_action3d/msr_action3d.pkl
_base_ = './usdrl_1xb32-100e_utd-mhad-xsub-keypoint-3d.py'

skeleton = dict(layout='kinect_v1', num_person=1, clip_len=16)
train_dataloader = dict(
    dataset=dict(ann_file='data/msr_action3d/msr_action3d.pkl'))
