"""Convert MMPose predictions (one JSON per video, as
``MMPoseInferencer(pred_out_dir=...)`` or MMPose's demo ``--save-predictions``
write them) to an MMAction2 2D PoseDataset .pkl, tracking persons across
frames.

Example:
    python tools/data/mmpose_to_pkl.py predictions/ data/mine_2d.pkl \\
        --labels labels.csv --img-shape 1080 1920

labels.csv has rows ``name,label[,split]`` (name = JSON file name without
.json); without --labels every clip gets label -1 (features / retrieval
only).
"""
import argparse

from umurl_mm.cli import add_img_shape_arg
from umurl_mm.datasets.converters import (convert_clip_folder, dump_pose_data,
                                          pose_annotation, read_mmpose_json)


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument('src', help='a folder of .json files, or one .json')
    parser.add_argument('out', help='output .pkl')
    parser.add_argument('--labels', help='CSV of name,label[,split]')
    add_img_shape_arg(parser, required=True)
    parser.add_argument(
        '--track',
        choices=['iou', 'keypoint'],
        default='iou',
        help='link detections by box IoU or keypoint distance')
    parser.add_argument(
        '--max-persons', type=int, default=4, help='tracks kept per clip')
    args = parser.parse_args()

    def read(path, name):
        return pose_annotation(
            read_mmpose_json(path), name, args.img_shape,
            max_persons=args.max_persons, method=args.track)

    data = convert_clip_folder(args.src, '*.json', read, args.labels)
    print(dump_pose_data(data, args.out))


if __name__ == '__main__':
    main()
