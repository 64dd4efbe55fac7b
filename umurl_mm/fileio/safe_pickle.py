"""Reading pickles from elsewhere without running their code.

A pickle names the functions and classes that rebuild its objects, and
unpickling calls them: a crafted ``.pkl`` can run any command. Pose and
annotation pickles (MMAction2's PoseDataset files, pose files of one video,
the official label files, dumped predictions) need only builtin
containers and scalars, NumPy arrays and dtypes, and for predictions torch
tensors; :class:`RestrictedUnpickler` resolves exactly those and refuses
any other global, naming the file and the global, before anything runs.
"""
import io
import json
import os
import pickle
from typing import Any, Dict, Tuple

#: Set to 1 to load every pickle and checkpoint with plain pickle, for
#: files you trust (they can run code).
TRUST_ENV = 'UMURL_MM_TRUST_FILES'


class UnsafeFileError(ValueError):
    """A file would need a global outside the allowlist to load."""


def files_trusted() -> bool:
    """Whether ``UMURL_MM_TRUST_FILES=1`` switches the allowlists off."""
    return os.environ.get(TRUST_ENV, '0').lower() in ('1', 'true', 'yes')


def refusal(path: str, name: str) -> UnsafeFileError:
    """The error for a file that needs the global ``name``."""
    return UnsafeFileError(
        f'{path}: refused to load: it needs the global {name!r}, which '
        'this project does not load from files (unpickling it could run '
        f'code). If you trust this file, set {TRUST_ENV}=1 for this '
        'command to load it with plain pickle.')


def _numpy_globals() -> Dict[Tuple[str, str], Any]:
    import numpy as np
    try:
        from numpy._core import multiarray
    except ImportError:  # numpy < 2
        from numpy.core import multiarray
    allowed = {('numpy', 'ndarray'): np.ndarray, ('numpy', 'dtype'): np.dtype}
    # files from numpy 1 and numpy 2 name the module differently
    for module in ('numpy.core.multiarray', 'numpy._core.multiarray'):
        allowed[module, '_reconstruct'] = multiarray._reconstruct
        allowed[module, 'scalar'] = multiarray.scalar
    for name in dir(np.dtypes):  # dtype classes (numpy >= 1.25)
        if name.endswith('DType'):
            allowed['numpy.dtypes', name] = getattr(np.dtypes, name)
    return allowed


def _load_tensor_bytes(data: bytes):
    """Torch's ``torch.storage._load_from_bytes`` with ``weights_only``
    (the original loads the bytes with plain pickle)."""
    import torch
    return torch.load(io.BytesIO(data), weights_only=True)


def _torch_globals() -> Dict[Tuple[str, str], Any]:
    """What pickled tensors need: torch's own ``weights_only`` allowlist,
    and ``_load_from_bytes`` replaced by its ``weights_only`` form."""
    from torch import _weights_only_unpickler
    allowed = {}
    for full, obj in _weights_only_unpickler._get_allowed_globals().items():
        module, _, name = full.rpartition('.')
        allowed[module, name] = obj
    allowed['torch.storage', '_load_from_bytes'] = _load_tensor_bytes
    return allowed


_BUILTINS = ('set', 'frozenset', 'complex', 'slice', 'range', 'bytearray',
             'bytes', 'str', 'int', 'float', 'bool', 'tuple', 'list', 'dict')


def allowed_globals() -> Dict[Tuple[str, str], Any]:
    """``(module, name) -> object`` of every global a data pickle may
    name."""
    import builtins
    import collections
    allowed = {('builtins', n): getattr(builtins, n) for n in _BUILTINS}
    allowed.update({('__builtin__', n): v for (_, n), v in allowed.items()})
    allowed['collections', 'OrderedDict'] = collections.OrderedDict
    allowed['collections', 'defaultdict'] = collections.defaultdict
    allowed.update(_numpy_globals())
    allowed.update(_torch_globals())
    return allowed


class RestrictedUnpickler(pickle.Unpickler):
    """An unpickler that resolves only :func:`allowed_globals`.

    Args:
        file: A binary file object.
        path (str): The file's name, for the error.
        **kwargs: ``pickle.Unpickler``'s (e.g. ``encoding='latin1'``).
    """

    _allowed: Dict[Tuple[str, str], Any] = {}

    def __init__(self, file, path: str = '<pickle>', **kwargs) -> None:
        super().__init__(file, **kwargs)
        self.path = path
        if not RestrictedUnpickler._allowed:
            RestrictedUnpickler._allowed = allowed_globals()

    def find_class(self, module: str, name: str) -> Any:
        obj = self._allowed.get((module, name))
        if obj is None:
            raise refusal(self.path, f'{module}.{name}')
        return obj


def load_pickle(path: str, **kwargs) -> Any:
    """Read a pickle file with :class:`RestrictedUnpickler` (with plain
    pickle where :func:`files_trusted`).

    Args:
        path (str): The file.
        **kwargs: ``pickle.Unpickler``'s options.

    Returns:
        The unpickled object.

    Raises:
        UnsafeFileError: The file names a global outside the allowlist.
    """
    with open(path, 'rb') as f:
        if files_trusted():
            return pickle.load(f, **kwargs)
        return RestrictedUnpickler(f, path, **kwargs).load()


def load_data_file(path: str) -> Any:
    """A ``.pkl`` / ``.pickle`` with :func:`load_pickle`, a ``.json`` as
    JSON; any other kind of file is refused.

    Args:
        path (str): The file.

    Returns:
        The loaded object.
    """
    ext = os.path.splitext(path)[1].lower()
    if ext in ('.pkl', '.pickle'):
        return load_pickle(path)
    if ext == '.json':
        with open(path) as f:
            return json.load(f)
    raise ValueError(f'{path}: expected a .pkl or .json file')
