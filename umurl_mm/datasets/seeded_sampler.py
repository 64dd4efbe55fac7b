"""Per-sample augmentation seeds: the randomness of a sample's views is a
function of ``(seed, epoch, index)`` alone, not of worker count, worker state
or process history, so results do not depend on ``num_workers`` and a run
resumed at an epoch boundary continues bit-exactly."""
import random
from contextlib import contextmanager
from typing import Iterator, Sequence, Tuple

import numpy as np
from mmaction.registry import DATA_SAMPLERS
from mmengine.dataset import DefaultSampler
from torch.utils.data import get_worker_info

_MASK = np.uint64(0xFFFFFFFFFFFFFFFF)


def _mix64(x: np.ndarray) -> np.ndarray:
    """SplitMix64 finaliser, vectorised over ``uint64``."""
    with np.errstate(over='ignore'):
        x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return x ^ (x >> np.uint64(31))


def sample_seeds(seed: int, epoch: int,
                 indices: Sequence[int]) -> np.ndarray:
    """Seeds of the samples ``indices`` in ``epoch`` of a run seeded ``seed``.

    Args:
        seed (int): The run's seed.
        epoch (int): The epoch (0-based).
        indices (Sequence[int]): Dataset indices.

    Returns:
        np.ndarray: One ``uint32`` seed per index.
    """
    with np.errstate(over='ignore'):
        key = _mix64(np.uint64(seed & 0xFFFFFFFFFFFFFFFF) +
                     np.uint64(0x9E3779B97F4A7C15) *
                     np.uint64(epoch + 1)) & _MASK
        x = key + np.asarray(indices, np.uint64) * np.uint64(
            0xD1B54A32D192ED03)
    return (_mix64(x) >> np.uint64(32)).astype(np.uint32)


@contextmanager
def seeded_rng(seed: int):
    """Run a block with NumPy's and Python's global RNGs seeded by
    ``seed``; their previous states are restored afterwards.

    In a DataLoader worker the states are neither saved nor restored (that
    took over half of a worker's time per sample with the device-side
    views): there every sample seeds them before use and nothing else draws
    from them.

    Args:
        seed (int): A ``uint32`` seed.
    """
    restore = get_worker_info() is None
    if restore:
        np_state, py_state = np.random.get_state(), random.getstate()
    np.random.seed(int(seed))
    random.seed(int(seed))
    try:
        yield
    finally:
        if restore:
            np.random.set_state(np_state)
            random.setstate(py_state)


@DATA_SAMPLERS.register_module()
class SeededSampler(DefaultSampler):
    """``DefaultSampler`` that hands each index out with its augmentation
    seed, ``(index, seed)``, derived from ``(seed, epoch, index)``.

    The dataset (:class:`UmURLPoseDataset`) runs its pipeline for that
    sample with NumPy's and Python's RNGs seeded from it. The shuffle, the
    rank partition and ``set_epoch`` (called by ``DistSamplerSeedHook``) are
    ``DefaultSampler``'s.

    Args:
        dataset (Sized): The dataset.
        shuffle (bool): Shuffle every epoch. Defaults to True.
        seed (int, optional): The run's seed (the runner passes its own).
        round_up (bool): Pad to a multiple of the world size. Defaults to
            True.
    """

    def __iter__(self) -> Iterator[Tuple[int, int]]:
        indices = list(super().__iter__())
        seeds = sample_seeds(self.seed, self.epoch, indices).tolist()
        return zip(indices, seeds)
