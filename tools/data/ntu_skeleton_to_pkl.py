"""Convert raw NTU RGB+D ``.skeleton`` files to a PoseDataset .pkl.

Applies UmURL's preprocessing (--preprocess mamp / mamp-ntu120: MAMP's
translation) and writes the standard splits (``xsub``/``xview`` for
NTU-60, ``xsub``/``xset`` for NTU-120).
"""
import argparse
import glob
import os.path as osp

from umurl_mm.datasets import PREPROCESSINGS
from umurl_mm.datasets.converters import (convert_ntu_skeletons,
                                          dump_pose_data, track_progress)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('skeleton_dir', help='folder of .skeleton files')
    parser.add_argument('out', help='output .pkl')
    parser.add_argument(
        '--benchmark', choices=['ntu60', 'ntu120'], default='ntu60')
    parser.add_argument(
        '--ignored',
        help='missing-skeleton list, e.g. '
        'NTU_RGBD_samples_with_missing_skeletons.txt')
    parser.add_argument(
        '--preprocess', choices=sorted(PREPROCESSINGS), default='umurl',
        help='umurl (UmURL, USDRL; the default), mamp (MAMP, NTU-60) or '
        'mamp-ntu120 (MAMP, NTU-120: a single person duplicated)')
    args = parser.parse_args()
    files = glob.glob(osp.join(args.skeleton_dir, '*.skeleton'))
    if not files:
        raise SystemExit(f'no .skeleton files in {args.skeleton_dir}')
    ignored = []
    if args.ignored:
        with open(args.ignored) as f:
            ignored = [line.strip() for line in f if line.strip()]
    data = convert_ntu_skeletons(
        files, args.benchmark, ignored, progress=track_progress,
        preprocess=args.preprocess)
    print('\n' + dump_pose_data(data, args.out))


if __name__ == '__main__':
    main()
