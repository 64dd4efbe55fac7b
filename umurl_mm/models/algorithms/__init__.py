from .umurl_pretrainer import UmURLPretrainer

__all__ = ['UmURLPretrainer']
