"""Convert a Kinect v1 action data set in its native format to a
PoseDataset .pkl in the 'kinect_v1' layout (the Kinect SDK joint order),
one person per clip, UmURL-normalised (centred on the spine, shoulders
onto +x) as the NTU tools do: no further normalisation step is needed.
--preprocess mamp translates each clip only (MAMP's preparation, for the
configs under configs/mamp/). The file records the layout, the person
count, the class names and the preprocessing.

Data sets and their standard splits:
    utd_mhad      aA_sS_tT_skeleton.mat (d_skel)     xsub_train / xsub_val
                  (odd / even subjects)
    msr_action3d  aAA_sSS_eEE_skeleton3D.txt          xsub_train / xsub_val
                  (the 557 files of files_used_in_cvpr12_paper.txt)
    nw_ucla       all_sqe/*.json (CTR-GCN release)   xview_train / xview_val
                  (views 1, 2 / view 3)

Example:
    python tools/data/kinect_v1_to_pkl.py utd_mhad path/to/utd_mhad \\
        data/utd_mhad.pkl
"""
import argparse

from umurl_mm.datasets.converters import KINECT_V1_SETS, dump_pose_data


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument('dataset', choices=sorted(KINECT_V1_SETS),
                        help='which data set the folder holds')
    parser.add_argument('src', help='folder of its skeleton files')
    parser.add_argument('out', help='output .pkl')
    parser.add_argument(
        '--preprocess', choices=['umurl', 'mamp'], default='umurl',
        help='umurl: per-frame centring and shoulder alignment (UmURL, '
        'USDRL); mamp: translation by the first frame only (MAMP)')
    args = parser.parse_args()
    try:
        data = KINECT_V1_SETS[args.dataset](
            args.src, preprocess=args.preprocess)
    except (OSError, ValueError) as e:
        raise SystemExit(f'error: {e}')
    print(dump_pose_data(data, args.out))


if __name__ == '__main__':
    main()
