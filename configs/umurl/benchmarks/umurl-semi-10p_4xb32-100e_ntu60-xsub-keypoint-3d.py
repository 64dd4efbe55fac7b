# Semi-supervised: fine-tune on 10% of the NTU-60 xsub training labels,
# class-balanced, drawn with a fixed seed (change label_seed for other
# draws); the rest of the recipe is the fine-tuning config's.
_base_ = './umurl-finetune_4xb32-100e_ntu60-xsub-keypoint-3d.py'

train_dataloader = dict(dataset=dict(label_fraction=0.1, label_seed=0))
