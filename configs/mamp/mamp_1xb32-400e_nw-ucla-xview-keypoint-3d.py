# MAMP pre-training on NW-UCLA (Kinect v1, 20 joints, one person, ~30 fps):
# the UTD-MHAD recipe (32-frame views, batch 32, 400 epochs) on the
# cross-view training split. Data:
# python tools/data/kinect_v1_to_pkl.py nw_ucla SRC \
#     data/nw_ucla/nw_ucla_mamp.pkl --preprocess mamp
_base_ = './mamp_1xb32-400e_utd-mhad-xsub-keypoint-3d.py'

skeleton = dict(layout='kinect_v1', num_person=1, clip_len=32)
train_dataloader = dict(
    dataset=dict(ann_file='data/nw_ucla/nw_ucla_mamp.pkl',
                 split='xview_train'))
