from .collate import clip_collate, pad_clips
from .layout import (BUILTIN_LAYOUTS, NTU_BONE_PAIRS, SkeletonLayout,
                     bone_parents, get_layout, layout_bone_pairs)
from .mamp_preprocess import mamp_translate
from .preprocess import normalize_2d, umurl_normalize
from .preprocessings import PREPROCESSINGS, get_preprocessing
from .seeded_sampler import SeededSampler, sample_seeds, seeded_rng
from .skeleton import check_keypoint
from .transforms import *  # noqa: F401,F403
from .umurl_pose_dataset import UmURLPoseDataset

__all__ = [
    'clip_collate', 'pad_clips',
    'UmURLPoseDataset', 'NTU_BONE_PAIRS', 'SeededSampler', 'bone_parents',
    'check_keypoint', 'layout_bone_pairs', 'sample_seeds', 'seeded_rng',
    'umurl_normalize', 'normalize_2d', 'SkeletonLayout', 'get_layout',
    'BUILTIN_LAYOUTS', 'mamp_translate', 'PREPROCESSINGS',
    'get_preprocessing'
]
