"""Offline converters: raw skeleton files (NTU RGB+D, PKU-MMD, the official
UmURL arrays) to MMAction2 PoseDataset ``.pkl`` files."""
from .ntu import convert_ntu_skeletons, ntu_splits, parse_name
from .official_npy import convert_official_npy, merge_pose_data
from .pku_mmd import convert_pku_mmd
from .pose_file import dump_pose_data, load_pose_data, track_progress

__all__ = [
    'convert_ntu_skeletons', 'ntu_splits', 'parse_name',
    'convert_official_npy', 'merge_pose_data', 'convert_pku_mmd',
    'dump_pose_data', 'load_pose_data', 'track_progress'
]
