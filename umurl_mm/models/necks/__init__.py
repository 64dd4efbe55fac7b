from .global_batch_norm import GlobalBatchNorm1d
from .projector import UmURLProjector

__all__ = ['GlobalBatchNorm1d', 'UmURLProjector']
