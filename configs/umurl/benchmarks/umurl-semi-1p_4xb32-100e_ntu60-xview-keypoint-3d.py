# Semi-supervised: fine-tune on 1% of the NTU-60 xview training labels,
# class-balanced, drawn with a fixed seed (change label_seed for other
# draws); the rest of the recipe is the fine-tuning config's.
_base_ = './umurl-finetune_4xb32-100e_ntu60-xview-keypoint-3d.py'

train_dataloader = dict(dataset=dict(label_fraction=0.01, label_seed=0))
