from .buffered_runtime_info_hook import BufferedRuntimeInfoHook
from .checkpoint_guard_hook import CheckpointGuardHook
from .epoch_seed_hook import EpochSeedHook
from .feature_cache_hook import CachedFeatureLoader, FrozenFeatureCacheHook
from .finite_guard_hook import FiniteGuardHook, NonFiniteTrainingError

__all__ = [
    'BufferedRuntimeInfoHook', 'CachedFeatureLoader', 'CheckpointGuardHook',
    'EpochSeedHook', 'FiniteGuardHook', 'FrozenFeatureCacheHook',
    'NonFiniteTrainingError'
]
