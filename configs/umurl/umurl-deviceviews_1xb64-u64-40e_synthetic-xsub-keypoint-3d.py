# The synthetic pre-training with the views made on the model's device for
# the whole batch (UmURLViewPreprocessor) instead of per sample in the
# data workers; same recipe and distributions.
_base_ = './umurl_1xb64-u64-40e_synthetic-xsub-keypoint-3d.py'

model = dict(data_preprocessor={{_base_.device_view_preprocessor}})
train_dataloader = dict(
    dataset=dict(pipeline={{_base_.device_view_pipeline}}))
