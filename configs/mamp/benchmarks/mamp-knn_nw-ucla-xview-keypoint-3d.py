# MAMP kNN retrieval on NW-UCLA (x-view: views 1, 2 the gallery, view 3 the
# queries) of mamp_1xb32-400e_nw-ucla-xview-keypoint-3d.py.
_base_ = './mamp-knn_synthetic-xsub-keypoint-3d.py'

skeleton = dict(layout='kinect_v1', num_person=1, clip_len=32)
ann_file = 'data/nw_ucla/nw_ucla_mamp.pkl'
test_dataloader = dict(dataset=dict(datasets=[
    dict(type={{_base_.dataset_type}}, ann_file=ann_file, split='xview_train',
         subset='gallery', pipeline={{_base_.mamp_eval_pipeline}}),
    dict(type={{_base_.dataset_type}}, ann_file=ann_file, split='xview_val',
         subset='query', pipeline={{_base_.mamp_eval_pipeline}})
]))
