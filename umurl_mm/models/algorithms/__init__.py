from .mamp_pretrainer import MAMPPretrainer
from .umurl_pretrainer import UmURLPretrainer
from .usdrl_pretrainer import USDRLPretrainer

__all__ = ['MAMPPretrainer', 'UmURLPretrainer', 'USDRLPretrainer']
