from .preprocess import umurl_normalize
from .skeleton import NTU_BONE_PAIRS, bone_parents, check_keypoint
from .transforms import *  # noqa: F401,F403
from .umurl_pose_dataset import UmURLPoseDataset

__all__ = [
    'UmURLPoseDataset', 'NTU_BONE_PAIRS', 'bone_parents', 'check_keypoint',
    'umurl_normalize'
]
