from .dste import DSTE
from .sttr import STTR
from .umurl import UmURL

__all__ = ['DSTE', 'STTR', 'UmURL']
