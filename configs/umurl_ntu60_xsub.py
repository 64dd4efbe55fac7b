# UmURL pre-training on NTU RGB+D 60 cross-subject, the paper's main
# setting, as one process (global batch 512 on one GPU):
#     python tools/train.py configs/umurl_ntu60_xsub.py
# On 4 GPUs (4 x 128, the official layout) use the long-named config:
#     bash tools/dist_train.sh \
#         configs/umurl/umurl_4xb128-451e_ntu60-xsub-keypoint-3d.py 4
# Evaluate with umurl_ntu60_xsub_linear.py and umurl_ntu60_xsub_knn.py.
_base_ = './umurl/umurl_4xb128-451e_ntu60-xsub-keypoint-3d.py'

train_dataloader = dict(batch_size=512)
