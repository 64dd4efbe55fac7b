# MAMP kNN retrieval on pku2-xsub (gallery: the training split, queries: the
# test split) of mamp_4xb32-400e_pku2-xsub-keypoint-3d.py.
_base_ = [
    '../../_base_/models/mamp_knn.py', '../../_base_/datasets/mamp_knn.py',
    '../../_base_/default_runtime.py'
]

skeleton = dict(preprocess='mamp-pku')

ann_file = 'data/pku_mmd2/pku2_3d_mamp.pkl'
test_dataloader = dict(dataset=dict(datasets=[
    dict(type={{_base_.dataset_type}}, ann_file=ann_file, split='xsub_train',
         subset='gallery', pipeline={{_base_.mamp_eval_pipeline}}),
    dict(type={{_base_.dataset_type}}, ann_file=ann_file, split='xsub_val',
         subset='query', pipeline={{_base_.mamp_eval_pipeline}})
]))
