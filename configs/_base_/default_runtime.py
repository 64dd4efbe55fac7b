# Runtime settings: MMAction2's _base_/default_runtime.py, plus the
# long-run safety hooks below. A local copy rather than
# `_base_ = 'mmaction::_base_/default_runtime.py'`: mmengine 0.10.7 resolves
# `mmaction::` through pkg_resources, which setuptools >= 82 does not ship,
# so inheriting would break every config unless setuptools is pinned below
# 82.
default_scope = 'mmaction'
custom_imports = dict(imports=['umurl_mm'], allow_failed_imports=False)

# RuntimeInfoHook reading the loss terms back from the device only when
# the logger prints or a checkpoint is saved (the same logs)
default_hooks = dict(
    runtime_info=dict(type='BufferedRuntimeInfoHook'),
    timer=dict(type='IterTimerHook'),
    logger=dict(type='LoggerHook', interval=20, ignore_last=False),
    param_scheduler=dict(type='ParamSchedulerHook'),
    checkpoint=dict(
        type='CheckpointHook', interval=10, max_keep_ckpts=3,
        save_last=True),
    sampler_seed=dict(type='DistSamplerSeedHook'),
    sync_buffers=dict(type='SyncBuffersHook'))

# Long-run safety (umurl_mm/engine/hooks): every global RNG re-derived from
# (seed, epoch) at each epoch start, so a resumed run continues exactly;
# training stops on a non-finite loss/gradient before any checkpoint of
# that state; loaded checkpoints must match the model strictly and
# checkpoints of another run are never overwritten.
custom_hooks = [
    dict(type='EpochSeedHook'),
    dict(type='FiniteGuardHook'),
    dict(type='CheckpointGuardHook')
]

env_cfg = dict(
    cudnn_benchmark=False,
    mp_cfg=dict(mp_start_method='fork', opencv_num_threads=0),
    dist_cfg=dict(backend='nccl'))

log_processor = dict(type='LogProcessor', window_size=20, by_epoch=True)

vis_backends = [dict(type='LocalVisBackend')]
visualizer = dict(type='ActionVisualizer', vis_backends=vis_backends)

log_level = 'INFO'
load_from = None
resume = False
