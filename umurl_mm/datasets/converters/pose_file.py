import os
import os.path as osp
import sys
from typing import Dict, Iterator, Sequence

import mmengine

from ...fileio import UnsafeFileError, load_data_file


def dump_pose_data(data: Dict, out: str) -> str:
    """Write a PoseDataset annotation dict to ``out`` (folders created).

    Args:
        data (dict): ``split`` (optional) and ``annotations``.
        out (str): Output ``.pkl`` path.

    Raises:
        ValueError: There is no sample to write (nothing is written).

    Returns:
        str: A one-line summary (sample count and split sizes).
    """
    if not data.get('annotations'):
        raise ValueError(f'no samples to write to {out}: every input was '
                         'skipped or none was found; nothing written')
    os.makedirs(osp.dirname(osp.abspath(out)), exist_ok=True)
    mmengine.dump(data, out)
    sizes = {k: len(v) for k, v in data.get('split', {}).items()}
    return f'wrote {len(data["annotations"])} samples to {out}: {sizes}'


def track_progress(items: Sequence, every: float = 0.1) -> Iterator:
    """Iterate ``items`` with a progress display fit for the output.

    On a terminal: mmengine's progress bar. Otherwise (CI, log files): one
    line per ``every`` of the work, instead of one per item.

    Args:
        items (Sequence): What to iterate.
        every (float): Fraction of the work between two lines.

    Yields:
        The items.
    """
    items = list(items)
    if sys.stdout.isatty():
        yield from mmengine.track_iter_progress(items)
        return
    total, step = len(items), max(1, int(len(items) * every))
    for i, item in enumerate(items, 1):
        yield item
        if i % step == 0 or i == total:
            print(f'[{i}/{total}] {100 * i // max(total, 1)}%', flush=True)


def load_pose_data(path: str) -> Dict:
    """Read a PoseDataset ``.pkl``; errors name the file and the field.

    Args:
        path (str): The file.

    Returns:
        dict: Its ``split`` (if any) and ``annotations``.
    """
    try:
        data = load_data_file(path)
    except UnsafeFileError:
        raise
    except Exception as e:
        raise ValueError(f'{path}: cannot read as a PoseDataset .pkl '
                         f'({type(e).__name__}: {e})') from e
    if not isinstance(data, dict) or not isinstance(
            data.get('annotations'), list):
        what = sorted(data) if isinstance(data, dict) else type(data).__name__
        raise ValueError(f"{path}: expected a dict with an 'annotations' "
                         f'list, got {what}')
    for i, anno in enumerate(data['annotations']):
        if not isinstance(anno, dict) or 'keypoint' not in anno:
            raise ValueError(f"{path}: sample {i}: no 'keypoint' field")
    return data
