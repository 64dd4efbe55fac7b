"""Apply UmURL's preprocessing to any 3D PoseDataset .pkl (e.g. MMAction2's
``ntu60_3d.pkl``, or your own 3D joints with --layout), keeping its
splits; --preprocess mamp (mamp-ntu120 for NTU-120) applies MAMP's
translation instead."""
import argparse

from umurl_mm.cli import add_layout_arg
from umurl_mm.datasets import PREPROCESSINGS, get_preprocessing
from umurl_mm.datasets.converters import (dump_pose_data, load_pose_data,
                                          track_progress)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('src', help='input .pkl (split + annotations)')
    parser.add_argument('out', help='output .pkl')
    add_layout_arg(parser)
    parser.add_argument(
        '--preprocess', choices=sorted(PREPROCESSINGS), default='umurl',
        help='umurl (UmURL, USDRL; the default) or a MAMP preparation')
    args = parser.parse_args()
    prepare = get_preprocessing(args.preprocess)
    data = load_pose_data(args.src)
    for i, anno in enumerate(track_progress(data['annotations'])):
        where = f"{args.src}: sample {i} ({anno.get('frame_dir')!r}), " \
                "field 'keypoint'"
        anno['keypoint'], anno['total_frames'] = prepare(
            anno['keypoint'], 2, where, args.layout)
    data['preprocess'] = args.preprocess
    print('\n' + dump_pose_data(data, args.out))


if __name__ == '__main__':
    main()
