# Fine-tuning model: the linear evaluation model with the whole encoder
# trained and dropout before the classifier.
_base_ = './umurl_linear.py'

model = dict(backbone=dict(frozen=False), cls_head=dict(dropout=0.1))
