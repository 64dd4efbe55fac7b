"""Convert the official UmURL repo's preprocessed arrays to a .pkl.

Reads ``train_*`` and ``val_*`` (``_data_joint.npy``, ``_label.pkl``,
``_num_frame.npy``) from one benchmark folder; the data is already
preprocessed, so it is only re-laid out as ``(M, T, V, C)`` and cut to the
valid frames.
"""
import argparse
import os.path as osp

from umurl_mm.datasets.converters import (convert_official_npy, dump_pose_data,
                                          load_pose_data, merge_pose_data)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('data_dir', help='e.g. NTU60_frame50/xsub')
    parser.add_argument('out', help='output .pkl')
    parser.add_argument(
        '--split-name',
        required=True,
        help="benchmark key of the splits, e.g. 'xsub', 'xview', 'xset'")
    parser.add_argument(
        '--merge',
        action='store_true',
        help='add the splits to an existing OUT (e.g. xview after xsub)')
    args = parser.parse_args()
    data = convert_official_npy(args.data_dir, args.split_name)
    if args.merge and osp.exists(args.out):
        data = merge_pose_data(load_pose_data(args.out), data, args.data_dir)
    print(dump_pose_data(data, args.out))


if __name__ == '__main__':
    main()
