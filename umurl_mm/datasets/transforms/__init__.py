from .corruption import JointCorruption
from .multi_view import MultiView
from .normalize import UmURLPreNormalize
from .normalize_2d import UmURLPreNormalize2D
from .shear import RandomShear
from .temporal import TemporalCropResize, resize_linear

__all__ = [
    'JointCorruption', 'MultiView', 'UmURLPreNormalize', 'UmURLPreNormalize2D',
    'RandomShear',
    'TemporalCropResize', 'resize_linear'
]
