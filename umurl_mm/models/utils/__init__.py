from .gather import gather_with_grad
from .modalities import (MODALITIES, check_modalities, to_modality,
                         view_modalities)
from .position import sinusoidal_position_code
from .precision import full_precision

__all__ = [
    'gather_with_grad', 'MODALITIES', 'check_modalities', 'to_modality',
    'view_modalities', 'sinusoidal_position_code', 'full_precision'
]
