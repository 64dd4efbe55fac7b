import numpy as np

from umurl_mm.testing.synthetic import CLASSES, make_synthetic_dataset


def test_deterministic_and_well_formed():
    a = make_synthetic_dataset(num_subjects=3, num_reps=1, train_subjects=2)
    b = make_synthetic_dataset(num_subjects=3, num_reps=1, train_subjects=2)
    assert len(a['annotations']) == 3 * len(CLASSES) * 3
    for x, y in zip(a['annotations'], b['annotations']):
        np.testing.assert_array_equal(x['keypoint'], y['keypoint'])
    c = make_synthetic_dataset(num_subjects=3, num_reps=1, seed=1)
    assert not np.allclose(a['annotations'][0]['keypoint'][0, 0],
                           c['annotations'][0]['keypoint'][0, 0])
    subjects = {n[9:12] for n in a['split']['xsub_val']}
    assert subjects == {'003'}
    for anno in a['annotations']:
        kp = anno['keypoint']
        assert kp.shape[0] == 2 and kp.shape[2:] == (25, 3)
        assert kp.shape[1] == anno['total_frames'] >= 40
        np.testing.assert_allclose(kp[0, :, 1], 0, atol=1e-5)
        two = anno['label'] == CLASSES.index('handshake (two persons)')
        assert bool(kp[1].any()) == two
