# MAMP pre-training on msr-action3d (Kinect v1, 20 joints, one person): the small
# synthetic model with 32-frame views (the ~15 fps clips resampled: 16
# frames would leave 4 segments of 4), batch 32 and 400 epochs (masked
# prediction needs many more steps than the decorrelation methods on a set
# this small), half of the 160 tokens masked: UTD-MHAD's recipe on its
# own data; minutes on 2 CPU cores. Data:
# python tools/data/kinect_v1_to_pkl.py msr_action3d SRC \
#     data/msr_action3d/msr_action3d_mamp.pkl --preprocess mamp
_base_ = './mamp_1xb64-150e_synthetic-xsub-keypoint-3d.py'

skeleton = dict(layout='kinect_v1', num_person=1, clip_len=32)
model = dict(mask_ratio=0.5)
train_dataloader = dict(
    batch_size=32, dataset=dict(ann_file='data/msr_action3d/msr_action3d_mamp.pkl'))
param_scheduler = [
    dict(type='LinearWarmupLR', by_epoch=True, begin=0, end=20,
         convert_to_iter_based=True),
    dict(type='CosineAnnealingLR', T_max=380, eta_min_ratio=0.5,
         by_epoch=True, begin=20, end=400, convert_to_iter_based=True)
]
train_cfg = dict(max_epochs=400)
default_hooks = dict(checkpoint=dict(interval=100))
auto_scale_lr = dict(base_batch_size=32)
