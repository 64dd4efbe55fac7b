"""One video's pose file in every supported form gives the same
annotation, and the same features as the dataset sample it came from."""
import json

import mmengine
import numpy as np
import pytest

from tests.utils import REPO
from umurl_mm.apis import (extract_features, init_encoder, load_pose_file,
                           load_split)
from umurl_mm.testing.synthetic import make_synthetic_dataset

CONFIG = (f'{REPO}/configs/umurl/benchmarks/'
          'umurl-knn_synthetic-xsub-keypoint-2d.py')


@pytest.fixture(scope='module')
def anno():
    data = make_synthetic_dataset(num_subjects=1, num_reps=1, num_classes=1,
                                  two_d=True)
    return data['annotations'][0]


def test_pkl_json_and_npy_agree(anno, tmp_path):
    mmengine.dump(anno, str(tmp_path / 'v.pkl'))  # MMAction2 extraction
    mmengine.dump(dict(annotations=[anno]), str(tmp_path / 'w.pkl'))
    frames = [dict(frame_id=t, instances=[dict(
        keypoints=anno['keypoint'][0, t].tolist(),
        keypoint_scores=anno['keypoint_score'][0, t].tolist())])
        for t in range(anno['total_frames'])]
    (tmp_path / 'v.json').write_text(json.dumps(frames))
    np.save(tmp_path / 'v.npy', np.concatenate(
        [anno['keypoint'][0], anno['keypoint_score'][0, ..., None]], -1))
    shape = anno['img_shape']
    loaded = [load_pose_file(str(tmp_path / f), 'coco', shape)
              for f in ('v.pkl', 'w.pkl', 'v.json', 'v.npy')]
    for got in loaded:
        np.testing.assert_allclose(got['keypoint'], anno['keypoint'],
                                   rtol=1e-6)
        np.testing.assert_allclose(got['keypoint_score'],
                                   anno['keypoint_score'], rtol=1e-6)
        assert tuple(got['img_shape']) == tuple(shape)
    encoder = init_encoder(CONFIG, cfg_options={
        'model.backbone.hidden_dim': 16})
    feats = extract_features(encoder, loaded)
    np.testing.assert_allclose(feats, feats[[0, 0, 0, 0]], rtol=1e-5,
                               atol=1e-6)


def test_pose_file_errors(anno, tmp_path):
    (tmp_path / 'v.json').write_text('[]')
    with pytest.raises(ValueError, match='give img_shape'):
        load_pose_file(str(tmp_path / 'v.json'), 'coco')
    mmengine.dump(dict(annotations=[anno, anno]), str(tmp_path / 'two.pkl'))
    with pytest.raises(ValueError, match='holds 2 samples'):
        load_pose_file(str(tmp_path / 'two.pkl'))
    with pytest.raises(ValueError, match='unknown pose file type'):
        load_pose_file(__file__)
    encoder = init_encoder(CONFIG, cfg_options={
        'model.backbone.hidden_dim': 16})
    three_d = dict(keypoint=np.zeros((2, 10, 25, 3), np.float32))
    with pytest.raises(ValueError, match="sequence 0 .*'coco' layout"):
        extract_features(encoder, [three_d])


def test_load_split_checks_against_the_encoder(anno, tmp_path):
    path = str(tmp_path / 'd.pkl')
    mmengine.dump(dict(annotations=[anno]), path)
    encoder = init_encoder(CONFIG, cfg_options={
        'model.backbone.hidden_dim': 16})
    assert len(load_split(path, encoder=encoder)) == 1
    with pytest.raises(ValueError, match="'keypoint'"):
        load_split(path)  # default: NTU 3D
