"""Offline converters: raw skeleton files (NTU RGB+D, PKU-MMD, Kinect v1
sets (UTD-MHAD, MSR Action3D, NW-UCLA), the official UmURL arrays, MMPose
predictions, per-clip ``.npy`` of any layout) to MMAction2 PoseDataset
``.pkl`` files."""
from .clip_folder import convert_clip_folder
from .kinect_v1 import (KINECT_V1_SETS, convert_msr_action3d,
                        convert_nw_ucla, convert_utd_mhad)
from .labels_csv import read_labels_csv
from .mmpose import (frames_from_results, pose_annotation, read_mmpose_json,
                     track_persons)
from .npy_clip import read_npy_clip
from .ntu import convert_ntu_skeletons, ntu_splits, parse_name
from .official_npy import convert_official_npy, merge_pose_data
from .pku_mmd import convert_pku_mmd
from .pose_file import dump_pose_data, load_pose_data, track_progress

__all__ = [
    'convert_ntu_skeletons', 'ntu_splits', 'parse_name',
    'convert_official_npy', 'merge_pose_data', 'convert_pku_mmd',
    'dump_pose_data', 'load_pose_data', 'track_progress',
    'convert_clip_folder', 'read_labels_csv', 'frames_from_results',
    'pose_annotation', 'read_mmpose_json', 'track_persons', 'read_npy_clip',
    'KINECT_V1_SETS', 'convert_utd_mhad', 'convert_msr_action3d',
    'convert_nw_ucla'
]
