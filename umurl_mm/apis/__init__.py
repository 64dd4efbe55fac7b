from .features import (dataset_args, extract_features, init_encoder,
                       load_split)
from .pose_file import load_pose_file

__all__ = [
    'dataset_args', 'extract_features', 'init_encoder', 'load_split',
    'load_pose_file'
]
