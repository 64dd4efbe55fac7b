# kNN retrieval (k = 1) of configs/umurl_ntu60_xsub.py:
#     python tools/test.py configs/umurl_ntu60_xsub_knn.py \
#         work_dirs/umurl_ntu60_xsub/epoch_451.pth
_base_ = './umurl/benchmarks/umurl-knn_ntu60-xsub-keypoint-3d.py'
