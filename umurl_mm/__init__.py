"""UmURL for MMAction2: importing this package registers every component."""
from . import fileio  # noqa: F401  (first: safe loading, atomic saving)
from . import apis, datasets, engine, evaluation, models  # noqa: F401
from .version import __version__

__all__ = ['__version__']
