from .linear_warmup import LinearWarmupLR

__all__ = ['LinearWarmupLR']
