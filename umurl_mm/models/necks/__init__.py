from .global_batch_norm import GlobalBatchNorm1d
from .mamp_decoder import MAMPDecoder
from .projector import UmURLProjector

__all__ = ['GlobalBatchNorm1d', 'MAMPDecoder', 'UmURLProjector']
