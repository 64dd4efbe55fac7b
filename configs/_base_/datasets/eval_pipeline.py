# Evaluation input: the whole valid sequence resampled to 64 frames, no
# augmentation (linear training, kNN and features too).
eval_pipeline = [
    dict(type='FormatGCNInput', num_person=2),
    dict(type='TemporalCropResize', clip_len=64, test_mode=True),
    dict(type='PackActionInputs', meta_keys=('frame_dir', 'subset'))
]
