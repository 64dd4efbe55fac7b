import os
import os.path as osp
from typing import Dict

import mmengine


def dump_pose_data(data: Dict, out: str) -> str:
    """Write a PoseDataset annotation dict to ``out`` (folders created).

    Args:
        data (dict): ``split`` (optional) and ``annotations``.
        out (str): Output ``.pkl`` path.

    Returns:
        str: A one-line summary (sample count and split sizes).
    """
    os.makedirs(osp.dirname(osp.abspath(out)), exist_ok=True)
    mmengine.dump(data, out)
    sizes = {k: len(v) for k, v in data.get('split', {}).items()}
    return f'wrote {len(data["annotations"])} samples to {out}: {sizes}'
