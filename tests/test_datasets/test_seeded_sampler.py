import random

import numpy as np
import torch

from umurl_mm.datasets import SeededSampler, sample_seeds, seeded_rng


def test_sample_seeds_depend_on_seed_epoch_index_only():
    a = sample_seeds(0, 3, np.arange(1000))
    np.testing.assert_array_equal(a, sample_seeds(0, 3, np.arange(1000)))
    assert a.dtype == np.uint32 and len(np.unique(a)) == 1000
    np.testing.assert_array_equal(a[[5, 7]], sample_seeds(0, 3, [5, 7]))
    for other in (sample_seeds(1, 3, np.arange(1000)),
                  sample_seeds(0, 4, np.arange(1000))):
        assert (other != a).mean() > 0.99


def test_sampler_yields_index_and_its_seed():
    sampler = SeededSampler(list(range(20)), shuffle=True, seed=7)
    sampler.set_epoch(2)
    pairs = list(sampler)
    indices = [i for i, _ in pairs]
    assert sorted(indices) == list(range(20)) and indices != list(range(20))
    np.testing.assert_array_equal([s for _, s in pairs],
                                  sample_seeds(7, 2, indices))
    sampler.set_epoch(3)
    assert [s for _, s in sampler] != [s for _, s in pairs]


class _Draws(torch.utils.data.Dataset):
    """Draws from the global RNGs under ``seeded_rng``; reports whether
    the state from before the block was restored."""

    def __len__(self):
        return 4

    def __getitem__(self, seed):
        np.random.seed(1)
        random.seed(1)
        with seeded_rng(seed):
            draws = (np.random.rand(3), random.random())
        restored = (np.random.rand() == np.random.RandomState(1).rand()
                    and random.random() == random.Random(1).random())
        return draws, restored


def test_seeded_rng_same_draws_in_workers_restores_only_outside():
    ds = _Draws()
    here = [ds[i] for i in range(4)]
    loader = torch.utils.data.DataLoader(ds, batch_size=None,
                                         num_workers=2)
    there = list(loader)
    for (a, restored_a), (b, restored_b) in zip(here, there):
        np.testing.assert_array_equal(a[0], b[0])
        assert a[1] == b[1]
        assert restored_a and not restored_b
    assert not np.array_equal(here[0][0][0], here[1][0][0])
