"""Convert PKU-MMD (phase II) skeletons and labels to a PoseDataset .pkl."""
import argparse

from umurl_mm.datasets.converters import (convert_pku_mmd, dump_pose_data,
                                          track_progress)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('skeleton_dir', help='folder of skeleton .txt files')
    parser.add_argument('label_dir', help='folder of label .txt files')
    parser.add_argument('split_file', help='e.g. cross-subject split file')
    parser.add_argument('out', help='output .pkl')
    parser.add_argument('--split-name', default='xsub')
    args = parser.parse_args()
    data = convert_pku_mmd(args.skeleton_dir, args.label_dir,
                           args.split_file, args.split_name,
                           progress=track_progress)
    print('\n' + dump_pose_data(data, args.out))


if __name__ == '__main__':
    main()
