"""UmURL for MMAction2: importing this package registers every component."""
import warnings

# mmcv-lite has no compiled ops; MMAction2 imports mmcv's transformer
# bricks, which warn about the one they miss (multi-scale deformable
# attention, never used here) on every start
warnings.filterwarnings(
    'ignore', message='Fail to import ``MultiScaleDeformableAttention``',
    category=UserWarning)

from . import fileio  # noqa: F401,E402  (first: safe loading, saving)
from . import apis, datasets, engine, evaluation, models  # noqa: F401,E402
from .version import __version__  # noqa: E402

__all__ = ['__version__']
