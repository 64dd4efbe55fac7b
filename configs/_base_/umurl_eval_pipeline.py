# Evaluation input: the whole valid sequence resampled to 64 frames, no
# augmentation (used for linear training too).
clip_len = 64
eval_pipeline = [
    dict(type='FormatGCNInput', num_person=2),
    dict(type='TemporalCropResize', clip_len=clip_len, test_mode=True),
    dict(type='PackActionInputs', meta_keys=('frame_dir', 'subset'))
]
