"""Write the deterministic synthetic NTU-25 set as a PoseDataset .pkl (3D,
UmURL-normalised; with --mamp translated only, as MAMP prepares NTU), or
with --2d as COCO-17 2D keypoints in pixels with scores, as MMAction2's
pose extraction writes them."""
import argparse

from umurl_mm.datasets.converters import dump_pose_data
from umurl_mm.testing.synthetic import CLASSES, make_synthetic_dataset


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        '--out', default='data/synthetic/synthetic_3d.pkl', help='output')
    parser.add_argument('--subjects', type=int, default=20)
    parser.add_argument('--train-subjects', type=int, default=14)
    parser.add_argument('--reps', type=int, default=2)
    parser.add_argument('--classes', type=int, default=len(CLASSES))
    parser.add_argument('--seed', type=int, default=0)
    parser.add_argument(
        '--raw',
        action='store_true',
        help='keep camera-space coordinates (skip UmURL normalisation)')
    parser.add_argument(
        '--mamp',
        action='store_true',
        help="MAMP's preparation: translation by the first frame only")
    parser.add_argument(
        '--2d',
        dest='two_d',
        action='store_true',
        help='project through a camera to COCO-17 2D keypoints + scores')
    args = parser.parse_args()
    data = make_synthetic_dataset(args.subjects, args.reps, args.classes,
                                  args.train_subjects, args.seed,
                                  not args.raw, args.two_d,
                                  'mamp' if args.mamp else 'umurl')
    print(dump_pose_data(data, args.out))


if __name__ == '__main__':
    main()
