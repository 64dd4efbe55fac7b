from .atomic import AtomicLocalBackend, atomic_write
from .safe_checkpoint import load_checkpoint
from .safe_pickle import (TRUST_ENV, UnsafeFileError, files_trusted,
                          load_data_file, load_pickle)

__all__ = [
    'AtomicLocalBackend', 'atomic_write', 'load_checkpoint', 'TRUST_ENV',
    'UnsafeFileError', 'files_trusted', 'load_data_file', 'load_pickle'
]
