# kNN retrieval on UTD-MHAD (x-sub: odd subjects the gallery, even the
# queries) of usdrl_1xb32-100e_utd-mhad-xsub-keypoint-3d.py.
_base_ = './usdrl-knn_synthetic-xsub-keypoint-3d.py'

skeleton = dict(layout='kinect_v1', num_person=1, clip_len=32)
# the encoder of the small-real-set recipe (MSR Action3D's and NW-UCLA's
# leaves inherit it)
model = dict(backbone=dict(hidden_dim=128, modality='motion'))
ann_file = 'data/utd_mhad/utd_mhad.pkl'
test_dataloader = dict(dataset=dict(datasets=[
    dict(type={{_base_.dataset_type}}, ann_file=ann_file, split='xsub_train',
         subset='gallery', pipeline={{_base_.eval_pipeline}}),
    dict(type={{_base_.dataset_type}}, ann_file=ann_file, split='xsub_val',
         subset='query', pipeline={{_base_.eval_pipeline}})
]))
