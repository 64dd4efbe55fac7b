"""Linear evaluation on cached features equals recomputing them."""
import copy

import pytest
import torch
from mmengine.config import Config
from mmengine.hooks import Hook
from mmengine.runner import Runner

from tests.utils import REPO

LINEAR = (f'{REPO}/configs/umurl/'
          'benchmarks/umurl-linear_1xb64-60e_synthetic-xsub-keypoint-3d.py')


def linear_cfg(tiny_pkl, work_dir, cache):
    cfg = Config.fromfile(LINEAR)
    cfg.model.backbone.update(hidden_dim=16, init_cfg=None)
    cfg.model.cls_head.update(num_classes=4, in_channels=32)
    for loader in (cfg.train_dataloader, cfg.val_dataloader):
        loader.update(num_workers=0, persistent_workers=False, batch_size=8)
        loader.dataset.update(ann_file=tiny_pkl, num_classes=4)
    cfg.train_cfg.update(max_epochs=3, val_interval=1)
    cfg.param_scheduler = None
    cfg.default_hooks.logger.interval = 1
    cfg.work_dir = str(work_dir)
    if not cache:
        cfg.custom_hooks = [h for h in cfg.custom_hooks
                            if h.type != 'FrozenFeatureCacheHook']
    return cfg


class SeeLoader(Hook):
    def before_train_epoch(self, runner):
        runner.cached_loader_seen = type(
            runner.train_loop.dataloader).__name__ == 'CachedFeatureLoader'


def run(cfg):
    torch.manual_seed(0)  # the same random encoder and head in both runs
    runner = Runner.from_cfg(copy.deepcopy(cfg))
    runner.register_hook(SeeLoader())
    runner.train()
    metrics = runner.val_loop.run()
    state = {k: v.clone() for k, v in runner.model.state_dict().items()}
    return state, metrics, runner


def test_cached_features_train_what_recomputed_ones_train(tiny_pkl,
                                                          tmp_path):
    cached, m_cached, runner = run(linear_cfg(tiny_pkl, tmp_path / 'a',
                                              True))
    plain, m_plain, _ = run(linear_cfg(tiny_pkl, tmp_path / 'b', False))
    assert runner.cached_loader_seen
    # after training the loops have their loaders back, the backbone its
    # inputs
    assert type(runner.train_loop.dataloader).__name__ == 'DataLoader'
    assert not runner.model.backbone.precomputed
    assert cached.keys() == plain.keys()
    for key, value in plain.items():
        torch.testing.assert_close(cached[key], value, rtol=1e-5,
                                   atol=1e-6, msg=key)
    assert m_cached == pytest.approx(m_plain)
    # the classifier moved: the comparison is not of untouched weights
    fresh = Runner.from_cfg(linear_cfg(tiny_pkl, tmp_path / 'c', True))
    fresh.model.init_weights()
    key = 'cls_head.fc.weight'
    assert not torch.allclose(fresh.model.state_dict()[key], plain[key])


def test_cache_refuses_a_trained_backbone(tiny_pkl, tmp_path):
    cfg = linear_cfg(tiny_pkl, tmp_path, True)
    cfg.model.backbone.frozen = False
    with pytest.raises(ValueError, match='the backbone is trained'):
        Runner.from_cfg(cfg).train()
