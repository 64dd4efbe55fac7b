"""Print the demo's results (random vs pre-trained encoder) side by side:
one seed's figures, or the mean and spread over several seeds."""
import argparse
import glob
import os.path as osp

import mmengine
import numpy as np

from umurl_mm.fileio import atomic_write

ROWS = (('linear', 'acc/top1', 'linear evaluation top-1 (%)'),
        ('knn', 'knn/top1', 'kNN retrieval top-1, k=1 (%)'),
        ('knn', 'knn/recall@5', 'kNN retrieval recall@5 (%)'))


def seed_dirs(work_dir):
    """``seed_N`` folders of a demo run (``work_dir`` itself if none)."""
    dirs = sorted(glob.glob(osp.join(work_dir, 'seed_*')),
                  key=lambda d: int(d.rsplit('_', 1)[1]))
    return dirs or [work_dir]


def cell(values):
    """``mean ± std (min-max)`` of percentages, or the single value."""
    if len(values) == 1:
        return f'{values[0]:.1f}'
    return (f'{np.mean(values):.1f} ± {np.std(values, ddof=1):.1f} '
            f'({min(values):.1f}-{max(values):.1f})')


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('work_dir', help='the demo work dir')
    args = parser.parse_args()
    dirs = seed_dirs(args.work_dir)
    head = f'over {len(dirs)} seeds: mean ± std (min-max)' if len(
        dirs) > 1 else 'one seed'
    rows = [('protocol (' + head + ')', 'random encoder', 'pre-trained')]
    for proto, key, title in ROWS:
        cells = []
        for kind in ('random', 'pretrained'):
            cells.append(cell([
                100 * mmengine.load(
                    osp.join(d, f'{proto}_{kind}', 'test_metrics.json'))[key]
                for d in dirs
            ]))
        rows.append((title, *cells))
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    table = '\n'.join(f'{r[0]:{widths[0]}s}  {r[1]:>{widths[1]}s}  '
                      f'{r[2]:>{widths[2]}s}' for r in rows)
    floor = osp.join(args.work_dir, 'raw_knn', 'test_metrics.json')
    if osp.exists(floor):  # real data sets: the floor without an encoder
        value = 100 * mmengine.load(floor)['knn/top1']
        table += f'\nkNN top-1 of the raw joints, no encoder: {value:.1f} %'
    print(table)
    with atomic_write(osp.join(args.work_dir, 'results.txt'), 'w') as f:
        f.write(table + '\n')


if __name__ == '__main__':
    main()
