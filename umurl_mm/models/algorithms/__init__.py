from .umurl_pretrainer import UmURLPretrainer
from .usdrl_pretrainer import USDRLPretrainer

__all__ = ['UmURLPretrainer', 'USDRLPretrainer']
