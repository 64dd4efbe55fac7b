# kNN retrieval model: the UmURL encoder alone; its 2048-d fused features
# (L2-normalised by the metric) are the retrieval representation.
model = dict(
    type='UmURLPretrainer',
    backbone=dict(
        type='UmURL',
        modalities=('joint', 'bone', 'motion'),
        num_frames=64,
        hidden_dim=1024),
    projector=None,  # features only
    eval_modalities=('joint', 'bone', 'motion'))
