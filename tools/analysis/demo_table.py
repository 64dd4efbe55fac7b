"""Print the demo's results (random vs pre-trained encoder) side by side."""
import argparse
import os.path as osp

import mmengine

ROWS = (('linear', 'acc/top1', 'linear evaluation top-1 (%)'),
        ('knn', 'knn/top1', 'kNN retrieval top-1, k=1 (%)'),
        ('knn', 'knn/recall@5', 'kNN retrieval recall@5 (%)'))


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('work_dir', help='the demo work dir')
    args = parser.parse_args()
    lines = [f'{"protocol":32s} {"random encoder":>15s} {"pre-trained":>12s}']
    for proto, key, title in ROWS:
        vals = []
        for kind in ('random', 'pretrained'):
            path = osp.join(args.work_dir, f'{proto}_{kind}',
                            'test_metrics.json')
            vals.append(100 * mmengine.load(path)[key])
        lines.append(f'{title:32s} {vals[0]:15.1f} {vals[1]:12.1f}')
    table = '\n'.join(lines)
    print(table)
    with open(osp.join(args.work_dir, 'results.txt'), 'w') as f:
        f.write(table + '\n')


if __name__ == '__main__':
    main()
