# MAMP's views: training crops a random 50-100 % of the valid frames (at
# least 64) resized to 120 frames, then rotates by angles in (-0.3, 0.3)
# rad about each axis; testing takes the centre 95 % resized to 120
# frames. The same for pre-training, the linear probe and fine-tuning.
mamp_train_pipeline = [
    dict(type='FormatGCNInput', num_person=2),
    dict(
        type='TemporalCropResize',
        clip_len=120,
        min_ratio=0.5,
        max_ratio=1.0,
        min_len=64),  # shortest crop: 64 frames of 120
    dict(type='RandomRotation3D', max_angle=0.3),
    dict(type='PackActionInputs', meta_keys=('frame_dir', ))
]
mamp_eval_pipeline = [
    dict(type='FormatGCNInput', num_person=2),
    dict(
        type='TemporalCropResize',
        clip_len=120,
        test_ratio=0.95,
        test_mode=True),
    dict(type='PackActionInputs', meta_keys=('frame_dir', 'subset'))
]
# the evaluation input of the feature tools (umurl_mm.apis)
eval_pipeline = mamp_eval_pipeline
# The preparation the data must have had (the converters' --preprocess,
# which they record in the file; a file prepared otherwise is refused).
skeleton = dict(preprocess='mamp')
