from .checkpoint_guard_hook import CheckpointGuardHook
from .epoch_seed_hook import EpochSeedHook
from .finite_guard_hook import FiniteGuardHook, NonFiniteTrainingError

__all__ = [
    'CheckpointGuardHook', 'EpochSeedHook', 'FiniteGuardHook',
    'NonFiniteTrainingError'
]
