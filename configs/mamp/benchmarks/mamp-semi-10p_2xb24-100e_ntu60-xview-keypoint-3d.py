# Semi-supervised: MAMP fine-tuning on 10% of the ntu60-xview training labels,
# one class-balanced subset drawn with a fixed seed for every rank (the
# official code draws one per rank and takes the first int(N r) of a
# shuffle); the rest as the fine-tuning config.
_base_ = './mamp-finetune_2xb24-100e_ntu60-xview-keypoint-3d.py'

train_dataloader = dict(dataset=dict(label_fraction=0.1, label_seed=0))
