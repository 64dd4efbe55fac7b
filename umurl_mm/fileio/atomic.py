"""Atomic file writes: a crash while saving never leaves a partial file
under the final name.

:func:`atomic_write` writes to a temporary file in the same folder,
flushes and fsyncs it, then renames it over the final name (``os.replace``
is atomic on POSIX file systems): readers see the previous file or the new
one, never half of one. Importing this module registers
:class:`AtomicLocalBackend` as mmengine's backend for local paths, so
checkpoints, the ``last_checkpoint`` marker and everything written with
``mmengine.dump`` go through it.
"""
import os
import os.path as osp
import tempfile
from contextlib import contextmanager
from typing import Iterator, Union

from mmengine.fileio import LocalBackend, register_backend
from mmengine.fileio import io as mmengine_io


@contextmanager
def atomic_write(path: Union[str, os.PathLike],
                 mode: str = 'wb', **kwargs) -> Iterator:
    """Open a temporary file beside ``path`` for writing; on success it
    is fsynced and renamed to ``path``, on any error removed.

    Args:
        path (str): The final file (its folder is created).
        mode (str): ``'wb'`` or ``'w'``. Defaults to ``'wb'``.
        **kwargs: ``open``'s (e.g. ``encoding``).

    Yields:
        The open temporary file.
    """
    path = os.fspath(path)
    folder = osp.dirname(osp.abspath(path))
    os.makedirs(folder, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=folder,
                               prefix=f'.{osp.basename(path)}.',
                               suffix='.tmp')
    try:
        with os.fdopen(fd, mode, **kwargs) as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        if osp.exists(tmp):
            os.remove(tmp)
        raise
    try:  # make the rename itself durable
        dir_fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


class AtomicLocalBackend(LocalBackend):
    """mmengine's ``LocalBackend`` whose writes are atomic
    (:func:`atomic_write`)."""

    def put(self, obj: bytes, filepath: Union[str, os.PathLike]) -> None:
        """Write bytes to ``filepath`` atomically."""
        with atomic_write(filepath, 'wb') as f:
            f.write(obj)

    def put_text(self, obj: str, filepath: Union[str, os.PathLike],
                 encoding: str = 'utf-8') -> None:
        """Write text to ``filepath`` atomically."""
        with atomic_write(filepath, 'w', encoding=encoding) as f:
            f.write(obj)


register_backend('local', AtomicLocalBackend, force=True, prefixes='')
# drop local backends made before the registration
for _key in [k for k, v in mmengine_io.backend_instances.items()
             if type(v) is LocalBackend]:
    del mmengine_io.backend_instances[_key]
