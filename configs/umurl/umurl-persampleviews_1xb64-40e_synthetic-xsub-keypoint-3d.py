# The synthetic pre-training with the views made per sample in the data
# workers (MultiView of the per-sample transforms) instead of on the model's
# device for the whole batch; same recipe and distributions.
_base_ = './umurl_1xb64-40e_synthetic-xsub-keypoint-3d.py'

model = dict(
    data_preprocessor=dict(_delete_=True, type='ActionDataPreprocessor'))
train_dataloader = dict(
    dataset=dict(pipeline={{_base_.per_sample_view_pipeline}}))
