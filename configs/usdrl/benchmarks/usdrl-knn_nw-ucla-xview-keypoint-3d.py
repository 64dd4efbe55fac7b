# kNN retrieval on NW-UCLA (x-view: views 1, 2 the gallery, view 3 the
# queries) of usdrl_1xb32-100e_nw-ucla-xview-keypoint-3d.py.
_base_ = './usdrl-knn_utd-mhad-xsub-keypoint-3d.py'

skeleton = dict(layout='kinect_v1', num_person=1, clip_len=32)
ann_file = 'data/nw_ucla/nw_ucla.pkl'
test_dataloader = dict(dataset=dict(datasets=[
    dict(type={{_base_.dataset_type}}, ann_file=ann_file, split='xview_train',
         subset='gallery', pipeline={{_base_.eval_pipeline}}),
    dict(type={{_base_.dataset_type}}, ann_file=ann_file, split='xview_val',
         subset='query', pipeline={{_base_.eval_pipeline}})
]))
