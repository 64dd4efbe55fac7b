from .multi_view import MultiView
from .normalize import UmURLPreNormalize
from .normalize_2d import UmURLPreNormalize2D
from .rotation import RandomRotation3D, rotation_matrix
from .temporal import TemporalCropResize, resize_linear

__all__ = [
    'MultiView', 'RandomRotation3D', 'UmURLPreNormalize',
    'UmURLPreNormalize2D', 'TemporalCropResize', 'resize_linear',
    'rotation_matrix'
]
