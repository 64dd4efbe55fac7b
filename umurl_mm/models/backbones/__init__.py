from .umurl import UmURL

__all__ = ['UmURL']
