import numpy as np

from umurl_mm.datasets import SeededSampler, sample_seeds


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
