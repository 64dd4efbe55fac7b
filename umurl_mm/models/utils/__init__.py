from .gather import gather_with_grad
from .modalities import MODALITIES, check_modalities, to_modality
from .position import sinusoidal_position_code

__all__ = [
    'gather_with_grad', 'MODALITIES', 'check_modalities', 'to_modality',
    'sinusoidal_position_code'
]
