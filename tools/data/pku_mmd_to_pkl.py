"""Convert PKU-MMD (phase I or II) skeletons and labels to a PoseDataset
.pkl, UmURL-normalised; for MAMP: --preprocess mamp-pku --max-frames 300
(camera coordinates, the first 300 frames of each action)."""
import argparse

from umurl_mm.datasets import PREPROCESSINGS
from umurl_mm.datasets.converters import (convert_pku_mmd, dump_pose_data,
                                          track_progress)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('skeleton_dir', help='folder of skeleton .txt files')
    parser.add_argument('label_dir', help='folder of label .txt files')
    parser.add_argument('split_file', help='e.g. cross-subject split file')
    parser.add_argument('out', help='output .pkl')
    parser.add_argument('--split-name', default='xsub')
    parser.add_argument(
        '--preprocess', choices=sorted(PREPROCESSINGS), default='umurl',
        help='umurl (UmURL, USDRL; the default) or mamp-pku (MAMP)')
    parser.add_argument('--max-frames', type=int,
                        help='keep the first frames of each action only')
    args = parser.parse_args()
    data = convert_pku_mmd(args.skeleton_dir, args.label_dir,
                           args.split_file, args.split_name,
                           progress=track_progress,
                           preprocess=args.preprocess,
                           max_frames=args.max_frames)
    print('\n' + dump_pose_data(data, args.out))


if __name__ == '__main__':
    main()
