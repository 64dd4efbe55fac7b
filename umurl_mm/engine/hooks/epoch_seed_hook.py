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
    seeded from ``(run seed, epoch, rank)`` in ``before_train_epoch``.
    Whatever draws from them during an epoch (dropout, the data loader's
    worker seeds, the augmentation of samples that come without a seed)
    therefore starts each epoch from the same state in an uninterrupted run
    and in a run resumed at that epoch, with nothing to save in
    checkpoints, and differs between ranks, as it would between the
    samples of one process. The augmentation of each sample is seeded
    separately by :class:`SeededSampler`, independently of the rank.
    """

    priority = 'NORMAL'

    def before_train_epoch(self, runner) -> None:
        """Seed the global RNGs for ``runner.epoch``."""
        seed = int(sample_seeds(runner.seed ^ _DOMAIN, runner.epoch,
                                [get_rank()])[0])
        random.seed(seed)
        np.random.seed(seed)
        torch.manual_seed(seed)  # all CUDA devices too
