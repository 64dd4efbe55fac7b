# usdrl_2xb178-451e_ntu120-xsub-keypoint-3d.py on the motion modality (one model per modality; the
# views are 4 augmentations of the joints, the encoder computes the
# modality from them).
_base_ = './usdrl_2xb178-451e_ntu120-xsub-keypoint-3d.py'

model = dict(backbone=dict(modality='motion'))
