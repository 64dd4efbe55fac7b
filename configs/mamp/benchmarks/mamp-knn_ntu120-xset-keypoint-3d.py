# MAMP kNN retrieval on ntu120-xset (gallery: the training split, queries: the
# test split) of mamp_4xb32-400e_ntu120-xset-keypoint-3d.py.
_base_ = [
    '../../_base_/models/mamp_knn.py', '../../_base_/datasets/mamp_knn.py',
    '../../_base_/default_runtime.py'
]

skeleton = dict(preprocess='mamp-ntu120')

ann_file = 'data/ntu120/ntu120_3d_mamp.pkl'
test_dataloader = dict(dataset=dict(datasets=[
    dict(type={{_base_.dataset_type}}, ann_file=ann_file, split='xset_train',
         subset='gallery', pipeline={{_base_.mamp_eval_pipeline}}),
    dict(type={{_base_.dataset_type}}, ann_file=ann_file, split='xset_val',
         subset='query', pipeline={{_base_.mamp_eval_pipeline}})
]))
