"""Plot training curves (e.g. UmURL's loss terms) from mmengine's
``vis_data/scalars.json`` to a PNG."""
import argparse
import glob
import json
import os.path as osp

import matplotlib

matplotlib.use('Agg')
import matplotlib.pyplot as plt  # noqa: E402
import mmengine  # noqa: E402

from umurl_mm.fileio import atomic_write  # noqa: E402


def find_scalars(path: str) -> str:
    """The newest ``scalars.json`` under a work dir (or the file itself)."""
    if osp.isfile(path):
        return path
    found = sorted(glob.glob(osp.join(path, '*', 'vis_data', 'scalars.json')))
    if not found:
        raise SystemExit(f'{path}: no */vis_data/scalars.json (is it a '
                         'work dir of tools/train.py?)')
    return found[-1]


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('work_dir', help='work dir or scalars.json file')
    parser.add_argument(
        '--keys',
        nargs='+',
        default=['loss', 'loss_intra', 'loss_inter', 'loss_vc'])
    parser.add_argument('--out', default='curves.png')
    args = parser.parse_args()
    path = find_scalars(args.work_dir)
    logs = [json.loads(line) for line in mmengine.list_from_file(path)
            if line.strip()]
    keys = [k for k in args.keys if any(k in r for r in logs)]
    if not keys:
        raise SystemExit(f'{path}: none of {args.keys} was logged')
    fig, axes = plt.subplots(1, len(keys), figsize=(3.2 * len(keys), 3))
    for ax, key in zip(list(getattr(axes, 'flat', [axes])), keys):
        points = [(r['step'], r[key]) for r in logs if key in r]
        ax.plot(*zip(*points))
        ax.set_title(key)
        ax.set_xlabel('iteration')
    fig.tight_layout()
    with atomic_write(args.out) as f:
        fig.savefig(f, format=osp.splitext(args.out)[1][1:] or 'png',
                    dpi=120)
    print(f'wrote {args.out} from {path}')


if __name__ == '__main__':
    main()
