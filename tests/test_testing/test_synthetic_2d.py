"""The synthetic set in MMAction2's 2D COCO-17 format."""
import numpy as np

from umurl_mm.testing.synthetic import make_synthetic_dataset
from umurl_mm.testing.synthetic_2d import IMG_SHAPE, NTU_TO_COCO


def test_2d_set_is_mmaction_format_and_deterministic():
    a = make_synthetic_dataset(num_subjects=2, num_reps=1, num_classes=10,
                               train_subjects=1, two_d=True)
    b = make_synthetic_dataset(num_subjects=2, num_reps=1, num_classes=10,
                               train_subjects=1, two_d=True)
    three = make_synthetic_dataset(num_subjects=2, num_reps=1,
                                   num_classes=10, train_subjects=1)
    assert a['split'] == three['split']
    for x, y in zip(a['annotations'], b['annotations']):
        np.testing.assert_array_equal(x['keypoint'], y['keypoint'])
        kp, score = x['keypoint'], x['keypoint_score']
        assert kp.dtype == np.float32 and kp.shape[2:] == (17, 2)
        assert score.shape == kp.shape[:3] and x['img_shape'] == IMG_SHAPE
        assert x['total_frames'] == kp.shape[1]
        # only present people; everybody inside the frame
        assert kp.shape[0] == (2 if x['label'] == 9 else 1)
        assert (kp[..., 0] > 0).all() and (kp[..., 0] < IMG_SHAPE[1]).all()
        assert (kp[..., 1] > 0).all() and (kp[..., 1] < IMG_SHAPE[0]).all()
    # every COCO joint is an affine combination of NTU joints
    np.testing.assert_allclose(NTU_TO_COCO.sum(1), 1)
