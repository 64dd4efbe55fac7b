from .multi_view import MultiView
from .normalize import UmURLPreNormalize
from .normalize_2d import UmURLPreNormalize2D
from .temporal import TemporalCropResize, resize_linear

__all__ = [
    'MultiView', 'UmURLPreNormalize', 'UmURLPreNormalize2D',
    'TemporalCropResize', 'resize_linear'
]
