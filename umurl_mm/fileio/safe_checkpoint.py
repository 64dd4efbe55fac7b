"""Loading checkpoints without running code.

Every checkpoint is read with ``torch.load(weights_only=True)``, whose
unpickler resolves only tensors, containers, scalars and an allowlist. The
allowlist is extended by exactly what this project's mmengine checkpoints
and the official ones hold besides (found by saving real ones): NumPy
arrays, dtypes and scalars (the message hub's logged values), mmengine's
``HistoryBuffer`` and the statistics methods it refers to by name, and
``argparse.Namespace`` (the command-line arguments of official MAMP
checkpoints: an attribute holder, restored without calling any code). Other
globals are refused, naming the file and the global; ``UMURL_MM_TRUST_FILES
=1`` loads a trusted file with plain pickle.

Importing this module makes mmengine's ``CheckpointLoader`` read local
files through :func:`load_checkpoint`, so ``--resume``, ``load_from`` and
every loader of this project's tools take the same path.
"""
import argparse
import os.path as osp
import pickle
import re
from typing import Any

import torch
from mmengine.logging.history_buffer import HistoryBuffer
from mmengine.runner import CheckpointLoader

from .safe_pickle import _numpy_globals, files_trusted, refusal

#: classes whose public attributes a checkpoint may look up by name
_GETATTR_OWNERS = (HistoryBuffer, )


def safe_getattr(owner: Any, name: str) -> Any:
    """``getattr`` for a checkpoint: public attributes of
    ``_GETATTR_OWNERS`` only (a ``HistoryBuffer`` pickles its statistics
    methods as ``getattr(HistoryBuffer, 'mean')``)."""
    if owner not in _GETATTR_OWNERS or not isinstance(name, str) or \
            name.startswith('_'):
        raise pickle.UnpicklingError(
            f'getattr({owner!r}, {name!r}) is not allowed in a checkpoint')
    return getattr(owner, name)


def _register_safe_globals() -> None:
    numpy = list(_numpy_globals().items())
    torch.serialization.add_safe_globals(
        [HistoryBuffer, argparse.Namespace,
         (safe_getattr, 'builtins.getattr')] +
        [(obj, f'{module}.{name}') for (module, name), obj in numpy])


def load_checkpoint(path: str, map_location: Any = 'cpu') -> Any:
    """``torch.load`` a checkpoint with ``weights_only=True`` and the
    allowlist above (plain pickle where ``UMURL_MM_TRUST_FILES=1``).

    Args:
        path (str): A local file.
        map_location: As for ``torch.load``. Defaults to the CPU.

    Returns:
        The checkpoint.

    Raises:
        UnsafeFileError: The file needs a global outside the allowlist.
    """
    trusted = files_trusted()
    try:
        return torch.load(path, map_location=map_location,
                          weights_only=not trusted)
    except pickle.UnpicklingError as e:
        found = re.search(r'GLOBAL (\S+)', str(e))
        if trusted or found is None:
            raise  # a damaged file or no pickle at all, not a refused one
        raise refusal(path, found.group(1)) from None


@CheckpointLoader.register_scheme(prefixes='', force=True)
def _load_local(filename: str, map_location: Any = None) -> Any:
    """mmengine's local-file loader, through :func:`load_checkpoint`."""
    filename = osp.expanduser(filename)
    if not osp.isfile(filename):
        raise FileNotFoundError(f'{filename} can not be found.')
    return load_checkpoint(filename, map_location)


_register_safe_globals()
