# Evaluation input: the whole valid sequence resampled to 64 frames, no
# augmentation (linear training, kNN and features too).
eval_pipeline = [
    dict(type='FormatGCNInput', num_person=2),
    dict(type='TemporalCropResize', clip_len=64, test_mode=True),
    dict(type='PackActionInputs', meta_keys=('frame_dir', 'subset'))
]
# The preparation the data must have had (the converters' --preprocess,
# which they record in the file; a file prepared otherwise is refused).
skeleton = dict(preprocess='umurl')
