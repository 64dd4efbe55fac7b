# USDRL's linear evaluation schedule: SGD momentum 0.9, no weight decay,
# batch 512, 160 epochs (the official loop runs 10 + 150), lr x0.1 at 120
# and 140, the test split every 5 epochs and the best top-1 kept; the lr is
# per benchmark (leaf configs: 0.006 NTU-60 x-sub and NTU-120, 0.03 NTU-60
# x-view, 0.01 PKU-MMD II). The frozen encoder's features are computed
# once, before the first epoch.
_base_ = './sgd_150e_linear.py'

optim_wrapper = dict(optimizer=dict(lr=0.006))
train_cfg = dict(max_epochs=160)
