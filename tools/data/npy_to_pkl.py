"""Convert a folder of per-clip .npy skeletons (T, V, C) or (M, T, V, C) in
any layout, plus a labels CSV, to a PoseDataset .pkl.

Examples:
    # 3D, NTU joints (UmURL-normalised as the NTU tools do)
    python tools/data/npy_to_pkl.py clips/ data/mine_3d.pkl --labels labels.csv
    # 2D COCO-17 pixels (x, y[, score])
    python tools/data/npy_to_pkl.py clips/ data/mine_2d.pkl \\
        --labels labels.csv --layout coco --img-shape 1080 1920
    # your own joints: a layout as JSON (see umurl_mm/datasets/layout.py)
    python tools/data/npy_to_pkl.py clips/ data/mine.pkl --labels labels.csv \\
        --layout '{"name": "mocap", "joints": 20, "bone_pairs": [[1, 1], ...],
                   "center": [0], "shoulders": [4, 8], "num_coords": 3}'

labels.csv has rows ``name,label[,split]`` (name = file name without .npy).
"""
import argparse

from umurl_mm.cli import add_img_shape_arg, add_layout_arg
from umurl_mm.datasets.converters import (convert_clip_folder, dump_pose_data,
                                          read_npy_clip)


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument('folder', help='folder of .npy clips, or one .npy')
    parser.add_argument('out', help='output .pkl')
    parser.add_argument('--labels', help='CSV of name,label[,split]')
    add_layout_arg(parser)
    add_img_shape_arg(parser)
    parser.add_argument(
        '--no-normalize',
        action='store_true',
        help='keep 3D coordinates as they are')
    parser.add_argument(
        '--num-person', type=int, default=None,
        help='persons per sample (3D: the most active kept, zero bodies '
        "padding); default: the clips' own count, which must then be the "
        'same in every clip')
    args = parser.parse_args()

    def read(path, name):
        return read_npy_clip(path, name, args.layout, args.img_shape,
                             not args.no_normalize, args.num_person)

    try:
        data = convert_clip_folder(args.folder, '*.npy', read, args.labels)
    except (OSError, ValueError) as e:
        raise SystemExit(f'error: {e}')
    counts = sorted({len(a['keypoint']) for a in data['annotations']})
    if len(counts) > 1:
        raise SystemExit(f'error: the clips hold {counts} persons: give '
                         '--num-person N to store N per sample')
    data.update(layout=args.layout.name, num_person=counts[0])
    if args.layout.num_coords == 3 and not args.no_normalize:
        data['preprocess'] = 'umurl'
    print(dump_pose_data(data, args.out))


if __name__ == '__main__':
    main()
