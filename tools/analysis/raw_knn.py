"""The raw-joint floor of kNN retrieval: each query clip's nearest gallery
clip by the Euclidean distance of its normalised joints, resampled to a
fixed length, with no encoder at all. A learned encoder is worth its
training where it beats this.

Example:
    python tools/analysis/raw_knn.py data/utd_mhad/utd_mhad.pkl \\
        --clip-len 32 --out work_dirs/raw_knn/test_metrics.json
"""
import argparse
import json
import os

import numpy as np

from umurl_mm.datasets.converters import load_pose_data
from umurl_mm.datasets.transforms.temporal import resize_linear
from umurl_mm.fileio import atomic_write


def clips(data, split, clip_len):
    """Flattened resampled joints and labels of a split."""
    names = set(data['split'][split])
    annos = [a for a in data['annotations'] if a['frame_dir'] in names]
    x = np.stack([
        resize_linear(a['keypoint'][:, :a['total_frames']], clip_len,
                      axis=-3).ravel() for a in annos
    ])
    return x, np.array([a['label'] for a in annos])


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument('ann_file', help='PoseDataset .pkl')
    parser.add_argument('--gallery', default='xsub_train')
    parser.add_argument('--query', default='xsub_val')
    parser.add_argument('--clip-len', type=int, default=64)
    parser.add_argument('--out', help='write {"knn/top1": ...} here')
    args = parser.parse_args()
    data = load_pose_data(args.ann_file)
    for split in (args.gallery, args.query):
        if split not in data.get('split', {}):
            raise SystemExit(f'error: {args.ann_file}: no split {split!r} '
                             f"(--gallery / --query; it has "
                             f"{sorted(data.get('split', {}))})")
    gallery, g_labels = clips(data, args.gallery, args.clip_len)
    query, q_labels = clips(data, args.query, args.clip_len)
    dist = ((query**2).sum(1)[:, None] - 2 * query @ gallery.T +
            (gallery**2).sum(1)[None])
    top1 = float((g_labels[dist.argmin(1)] == q_labels).mean())
    print(f'raw-joint 1-NN top-1: {100 * top1:.1f} % '
          f'({len(query)} queries, {len(gallery)} gallery clips)')
    if args.out:
        os.makedirs(os.path.dirname(os.path.abspath(args.out)),
                    exist_ok=True)
        with atomic_write(args.out, 'w') as f:
            json.dump({'knn/top1': top1}, f)


if __name__ == '__main__':
    main()
