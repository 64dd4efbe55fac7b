# Fine-tuning data: the linear evaluation data, with a random temporal
# crop-resize (ratio 0.5..1) as the only training augmentation, batch 32.
_base_ = './skeleton_eval.py'

train_pipeline = [
    dict(type='FormatGCNInput', num_person=2),
    dict(type='TemporalCropResize', clip_len=64, min_ratio=0.5),
    dict(type='PackActionInputs', meta_keys=('frame_dir', ))
]
train_dataloader = dict(batch_size=32, dataset=dict(pipeline=train_pipeline))
