from .dst_layer import DSTLayer

__all__ = ['DSTLayer']
