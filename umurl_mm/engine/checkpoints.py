"""Finding the checkpoint to resume from, without ever losing work."""
import glob
import os
import os.path as osp
import re
import warnings
from typing import List, Optional, Tuple

from ..checkpoint.loading import (UnreadableCheckpointError,
                                  load_checkpoint_file)

_NUMBERED = re.compile(r'^(epoch|iter)_(\d+)\.pth$')


class ResumeError(RuntimeError):
    """There is nothing (readable) to resume from."""


def numbered_checkpoints(folder: str) -> List[str]:
    """``epoch_N.pth`` / ``iter_N.pth`` files of a folder, newest first.

    Args:
        folder (str): A work dir.

    Returns:
        list[str]: Paths, sorted by N, largest first.
    """
    found = []
    for path in glob.glob(osp.join(folder, '*.pth')):
        match = _NUMBERED.match(osp.basename(path))
        if match:
            found.append((int(match.group(2)), path))
    return [path for _, path in sorted(found, reverse=True)]


def checkpoint_number(path: str) -> Optional[int]:
    """N of ``epoch_N.pth`` / ``iter_N.pth``, else ``None``."""
    match = _NUMBERED.match(osp.basename(path))
    return int(match.group(2)) if match else None


def read_checkpoint(path: str) -> dict:
    """Read a whole checkpoint on the CPU; a ``ValueError`` names the file
    if it cannot be read, an :class:`UnreadableCheckpointError` if it is
    truncated or not a checkpoint."""
    ckpt = load_checkpoint_file(path)
    if not isinstance(ckpt, dict) or 'state_dict' not in ckpt:
        raise UnreadableCheckpointError(
            f"{path}: not an mmengine checkpoint (no 'state_dict')")
    return ckpt


def find_resume_checkpoint(work_dir: str,
                           is_main: bool = True) -> Tuple[str, dict]:
    """The newest readable checkpoint of a work dir.

    Candidates: the file named by mmengine's ``last_checkpoint`` marker,
    then every ``epoch_N.pth`` / ``iter_N.pth``, newest first. A
    candidate that is not a readable checkpoint (truncated by a crash
    during saving, say) gets a warning naming it and is moved aside to
    ``NAME.corrupt`` (``is_main`` only), so the resumed run can write that
    number again without destroying anything. A file the file system
    cannot read (permissions, I/O error), or one refused for what it holds
    (:class:`UnsafeFileError`), stops the search instead: nothing is moved,
    and no older checkpoint is taken in its place.

    Call it in one process (``tools/train.py``: the main process, whose
    answer every rank takes).

    Args:
        work_dir (str): The run's work dir.
        is_main (bool): Whether this process may rename files. Defaults to
            True.

    Returns:
        tuple[str, dict]: Path of the checkpoint to resume from, and its
        ``meta``.

    Raises:
        ResumeError: Nothing readable to resume from, or a candidate the
            file system could not read or that was refused.
    """
    if not osp.isdir(work_dir):
        raise ResumeError(
            f'--resume: the work dir {work_dir} does not exist, so there is '
            'nothing to resume; check --work-dir, or run without --resume '
            'to start a new run')
    candidates = numbered_checkpoints(work_dir)
    marker = osp.join(work_dir, 'last_checkpoint')
    if osp.isfile(marker):
        with open(marker) as f:
            named = f.read().strip()
        if named and osp.isfile(named):
            candidates = [named] + [
                c for c in candidates
                if osp.abspath(c) != osp.abspath(named)
            ]
    for path in candidates:
        try:
            ckpt = read_checkpoint(path)
        except UnreadableCheckpointError as e:
            warnings.warn(f'{e}; moved aside to {osp.basename(path)}.corrupt,'
                          ' falling back to an older checkpoint')
            if is_main and osp.isfile(path):
                os.replace(path, path + '.corrupt')
            continue
        except ValueError as e:  # the file system's error, or refused
            raise ResumeError(f'--resume: {e} (nothing was moved or '
                              'skipped)') from e
        return path, ckpt.get('meta', {})
    raise ResumeError(
        f'--resume: no readable checkpoint in {work_dir} (no '
        'last_checkpoint marker, no readable epoch_*.pth / iter_*.pth); run '
        'without --resume to start a new run')
