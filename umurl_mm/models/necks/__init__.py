from .projector import UmURLProjector

__all__ = ['UmURLProjector']
