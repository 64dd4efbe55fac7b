from .dste import DSTE
from .mamp_encoder import MAMPEncoder
from .sttr import STTR
from .umurl import UmURL

__all__ = ['DSTE', 'MAMPEncoder', 'STTR', 'UmURL']
