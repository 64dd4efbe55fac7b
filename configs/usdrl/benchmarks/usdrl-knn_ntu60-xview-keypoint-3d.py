# USDRL kNN retrieval on ntu60-xview:
#     python tools/test.py THIS_CONFIG CHECKPOINT (plugin or official)
_base_ = [
    '../../_base_/models/usdrl_knn.py', '../../_base_/datasets/skeleton_knn.py',
    '../../_base_/default_runtime.py'
]

ann_file = 'data/ntu60/ntu60_3d_umurl.pkl'
test_dataloader = dict(
    dataset=dict(datasets=[
        dict(
            type={{_base_.dataset_type}},
            ann_file=ann_file,
            split='xview_train',
            subset='gallery',
            pipeline={{_base_.eval_pipeline}}),
        dict(
            type={{_base_.dataset_type}},
            ann_file=ann_file,
            split='xview_val',
            subset='query',
            pipeline={{_base_.eval_pipeline}})
    ]))
