import random

import numpy as np
import torch
from mmaction.registry import HOOKS
from mmengine.dist import get_rank
from mmengine.hooks import Hook

from ...datasets.seeded_sampler import sample_seeds

#: Keeps these seeds apart from the per-sample augmentation seeds.
_DOMAIN = 0x5EED


@HOOKS.register_module()
class EpochSeedHook(Hook):
    """Re-derive every global RNG at the start of each training epoch.

    Python's, NumPy's and torch's (CPU and CUDA) global generators are
    seeded from ``(run seed, epoch)`` (and the rank, with
    ``randomness.diff_rank_seed``) in ``before_train_epoch``. Whatever
    draws from them during an epoch (dropout, the data loader's worker
    seeds) therefore starts each epoch from the same state in an
    uninterrupted run and in a run resumed at that epoch, with nothing to
    save in checkpoints. The augmentation of each sample is seeded
    separately by :class:`SeededSampler`.
    """

    priority = 'NORMAL'

    def before_train_epoch(self, runner) -> None:
        """Seed the global RNGs for ``runner.epoch``."""
        rank = get_rank() if runner._randomness_cfg.get(
            'diff_rank_seed', False) else 0
        seed = int(sample_seeds(runner.seed ^ _DOMAIN, runner.epoch,
                                [rank])[0])
        random.seed(seed)
        np.random.seed(seed)
        torch.manual_seed(seed)  # all CUDA devices too
