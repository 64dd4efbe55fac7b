# MAMP kNN retrieval model: the encoder alone; the feature is its tokens
# averaged over persons, segments and joints (256-d at full size).
model = dict(
    type='MAMPPretrainer',
    backbone=dict(type='MAMPEncoder', num_frames=120),
    decoder=None)
