from .corruption import JointCorruption
from .multi_view import MultiView
from .normalize import UmURLPreNormalize
from .shear import RandomShear
from .temporal import TemporalCropResize, resize_linear

__all__ = [
    'JointCorruption', 'MultiView', 'UmURLPreNormalize', 'RandomShear',
    'TemporalCropResize', 'resize_linear'
]
