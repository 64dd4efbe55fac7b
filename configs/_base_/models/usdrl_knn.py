# USDRL kNN retrieval model: the DSTE encoder alone; its 2048-d
# representation (L2-normalised by the metric) is the retrieval feature.
model = dict(
    type='USDRLPretrainer',
    backbone=dict(
        type='DSTE', modality='joint', num_frames=64, hidden_dim=1024),
    projector=None)  # features only
