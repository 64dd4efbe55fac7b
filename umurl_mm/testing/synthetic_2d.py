"""The synthetic set as 2D COCO-17 keypoints, in MMAction2's 2D format.

The camera-space NTU-25 bodies of :mod:`.synthetic` are mapped to COCO-17
joints (face points from the head, neck and shoulders) and projected through
a pinhole camera into a 1920 x 1080 frame, with pixel noise and keypoint
scores: what MMAction2's pose extraction stores (``keypoint`` ``(M, T, 17,
2)`` in pixels, ``keypoint_score`` ``(M, T, 17)``, ``img_shape``).
"""
from typing import Dict

import numpy as np

#: Frame size (height, width), focal length and principal point (x, y) of
#: the camera, in pixels: every synthetic body stays inside the frame.
IMG_SHAPE = (1080, 1920)
FOCAL = 700.0
PRINCIPAL = (960.0, 480.0)


def _ntu_to_coco() -> np.ndarray:
    """``(17, 25)`` matrix: COCO-17 joints as combinations of NTU joints
    (0-based NTU: 2 neck, 3 head, 4 / 8 left / right shoulder)."""
    w = np.zeros((17, 25))
    head, neck, lsh, rsh = 3, 2, 4, 8
    for coco, ntu in ((5, 4), (6, 8), (7, 5), (8, 9), (9, 6), (10, 10),
                      (11, 12), (12, 16), (13, 13), (14, 17), (15, 14),
                      (16, 18)):
        w[coco, ntu] = 1.0
    # nose, eyes and ears: the head, moved up (away from the neck) and
    # sideways (along the shoulders)
    for coco, up, side in ((0, 0.0, 0.0), (1, 0.3, 0.075), (2, 0.3, -0.075),
                           (3, 0.1, 0.2), (4, 0.1, -0.2)):
        w[coco, head] += 1 + up
        w[coco, neck] -= up
        w[coco, lsh] += side
        w[coco, rsh] -= side
    return w


NTU_TO_COCO = _ntu_to_coco()


def project_to_coco_2d(keypoint: np.ndarray, rng: np.random.Generator,
                       noise: float = 2.0) -> Dict:
    """Turn raw camera-space NTU joints into MMAction2 2D annotations.

    Args:
        keypoint (np.ndarray): ``(M, T, 25, 3)`` metres, y up, z the depth
            (bodies of all zeros are absent).
        rng (np.random.Generator): Noise source.
        noise (float): Pixel noise (standard deviation). Defaults to 2.

    Returns:
        dict: ``keypoint`` ``(M', T, 17, 2)`` float32 pixels and
        ``keypoint_score`` ``(M', T, 17)`` float32 for the M' present
        bodies, ``img_shape`` and ``original_shape``.
    """
    present = keypoint.reshape(len(keypoint), -1).any(1)
    coco = np.einsum('cv,mtvd->mtcd', NTU_TO_COCO, keypoint[present])
    depth = np.maximum(coco[..., 2], 0.1)
    pixels = np.stack([PRINCIPAL[0] + FOCAL * coco[..., 0] / depth,
                       PRINCIPAL[1] - FOCAL * coco[..., 1] / depth], -1)
    pixels += rng.normal(0, noise, pixels.shape)
    score = rng.uniform(0.6, 1.0, pixels.shape[:3])
    return dict(
        keypoint=pixels.astype(np.float32),
        keypoint_score=score.astype(np.float32),
        img_shape=IMG_SHAPE,
        original_shape=IMG_SHAPE)
