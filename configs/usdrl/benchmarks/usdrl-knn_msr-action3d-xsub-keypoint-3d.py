# kNN retrieval on MSR Action3D (x-sub: odd subjects the gallery, even the
# queries) of usdrl_1xb32-100e_msr-action3d-xsub-keypoint-3d.py.
_base_ = './usdrl-knn_utd-mhad-xsub-keypoint-3d.py'

skeleton = dict(layout='kinect_v1', num_person=1, clip_len=16)
ann_file = 'data/msr_action3d/msr_action3d.pkl'
test_dataloader = dict(dataset=dict(datasets=[
    dict(type={{_base_.dataset_type}}, ann_file=ann_file, split='xsub_train',
         subset='gallery', pipeline={{_base_.eval_pipeline}}),
    dict(type={{_base_.dataset_type}}, ann_file=ann_file, split='xsub_val',
         subset='query', pipeline={{_base_.eval_pipeline}})
]))
