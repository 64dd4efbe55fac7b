"""MMPose prediction JSON -> PoseDataset, with person tracking, on
generated files (good and malformed)."""
import json

import mmengine
import numpy as np
import pytest

from tests.utils import run_tool
from umurl_mm.datasets import UmURLPoseDataset
from umurl_mm.datasets.converters import (frames_from_results,
                                          pose_annotation, read_mmpose_json,
                                          track_persons)


def two_people(T=12, V=17, seed=0):
    """Ground truth (2, T, V, 2) of two people walking past each other
    apart in x, and per-frame detections in shuffled order."""
    rng = np.random.default_rng(seed)
    base = rng.uniform(0, 60, (V, 2))
    t = np.arange(T)[:, None, None]
    a = base + [200, 300] + t * [6, 0]
    b = base + [600, 320] - t * [4, 0]
    truth = np.stack([a, b]).astype(np.float64)
    score = rng.uniform(0.5, 1, (2, T, V))
    frames = []
    for f in range(T):
        order = rng.permutation(2)
        inst = [dict(keypoints=truth[p, f].tolist(),
                     keypoint_scores=score[p, f].tolist(),
                     bbox=[[*truth[p, f].min(0), *truth[p, f].max(0)]],
                     bbox_score=0.9) for p in order]
        if f == 5:
            inst = inst[:1]  # one person missed in frame 5
        frames.append(dict(frame_id=f, instances=inst))
    return truth, score, frames


def write(path, obj):
    with open(path, 'w') as f:
        json.dump(obj, f)
    return str(path)


@pytest.mark.parametrize('method', ['iou', 'keypoint'])
def test_tracks_follow_each_person(tmp_path, method):
    truth, score, frames = two_people()
    path = write(tmp_path / 'v.json', frames)
    kp, sc = track_persons(read_mmpose_json(path), method=method)
    assert kp.shape == (2, 12, 17, 2) and sc.shape == (2, 12, 17)
    # each track is one person throughout (in some order)
    for track in kp:
        seen = track.any((1, 2))
        match = [np.allclose(track[seen], truth[p][seen], atol=1e-4)
                 for p in range(2)]
        assert sum(match) == 1
    assert (~kp.any((2, 3))).sum() == 1  # the missed detection stays empty


def test_demo_format_and_images_and_in_memory_results(tmp_path):
    truth, score, frames = two_people()
    a = read_mmpose_json(write(tmp_path / 'a.json', frames))
    demo = dict(meta_info={}, instance_info=[
        dict(frame_id=f['frame_id'] + 1, instances=f['instances'])
        for f in frames])
    b = read_mmpose_json(write(tmp_path / 'b.json', demo))
    for (ka, sa, ba), (kb, sb, bb) in zip(a, b):
        np.testing.assert_array_equal(ka, kb)
    image = read_mmpose_json(write(tmp_path / 'c.json',
                                   frames[0]['instances']))
    assert len(image) == 1 and image[0][0].shape == (2, 17, 2)
    # MMAction2's pose_inference: a dict of arrays per frame
    results = [dict(keypoints=np.asarray([i['keypoints']
                                          for i in f['instances']]),
                    keypoint_scores=np.asarray([i['keypoint_scores']
                                                for i in f['instances']]))
               for f in frames]
    c = frames_from_results(results)
    for (ka, sa, _), (kc, sc, _) in zip(a, c):
        np.testing.assert_allclose(ka, kc)
        np.testing.assert_allclose(sa, sc)


@pytest.mark.parametrize('content,match', [
    ('{"not json', 'cannot read as JSON'),
    ('[{"frame_id": 0}]', "item 0 has no 'instances'"),
    ('[{"frame_id": 0, "instances": [{"keypoints": [[1, 2, 3]]}]}]',
     r"frame 0, instance 0, field 'keypoints'"),
    ('[{"frame_id": 0, "instances": [{"keypoints": [[1, 2]], '
     '"keypoint_scores": [1, 2]}]}]', "field 'keypoint_scores'"),
    ('[{"frame_id": 3, "instances": [{"keypoints": [[1, 2]], '
     '"bbox": [1, 2]}]}]', r"frame 3, instance 0, field 'bbox'"),
])
def test_malformed_json_is_named(tmp_path, content, match):
    path = tmp_path / 'bad.json'
    path.write_text(content)
    with pytest.raises(ValueError, match=match) as e:
        read_mmpose_json(str(path))
    assert 'bad.json' in str(e.value)


def test_tool_writes_a_dataset_the_2d_config_reads(tmp_path):
    folder = tmp_path / 'preds'
    folder.mkdir()
    for i in range(3):
        write(folder / f'clip{i}.json', two_people(seed=i)[2])
    (tmp_path / 'labels.csv').write_text(
        'name,label,split\nclip0,0,train\nclip1,1,train\nclip2,1,val\n')
    out = str(tmp_path / 'mine_2d.pkl')
    proc = run_tool('tools/data/mmpose_to_pkl.py', str(folder), out,
                    '--labels', str(tmp_path / 'labels.csv'),
                    '--img-shape', '480', '640')
    assert proc.returncode == 0, proc.stderr[-3000:]
    data = mmengine.load(out)
    assert data['split'] == dict(train=['clip0', 'clip1'], val=['clip2'])
    dataset = UmURLPoseDataset(
        out, split='train', layout='coco', with_score=True, pipeline=[
            dict(type='UmURLPreNormalize2D'),
            dict(type='FormatGCNInput', num_person=2)
        ])
    assert dataset[0]['keypoint'].shape == (1, 2, 12, 17, 3)
    assert dataset.get_data_info(1)['img_shape'] == (480, 640)
    # a listed clip without predictions, and a bad label, are named
    (tmp_path / 'bad.csv').write_text('clip0,0\nclip9,1\n')
    proc = run_tool('tools/data/mmpose_to_pkl.py', str(folder), out,
                    '--labels', str(tmp_path / 'bad.csv'), '--img-shape',
                    '480', '640')
    assert proc.returncode != 0 and "['clip9']" in proc.stderr
    (tmp_path / 'bad.csv').write_text('clip0,zero\n')
    proc = run_tool('tools/data/mmpose_to_pkl.py', str(folder), out,
                    '--labels', str(tmp_path / 'bad.csv'), '--img-shape',
                    '480', '640')
    assert proc.returncode != 0
    assert "bad.csv, line 1: label 'zero' of 'clip0'" in proc.stderr


def test_inference_topdown_data_samples():
    """Per frame, a list of data samples with ``pred_instances`` (MMPose's
    ``inference_topdown``: one per box) or one merged sample."""
    from mmengine.structures import BaseDataElement, InstanceData
    truth, score, frames = two_people(T=3)

    def sample(p, t):
        inst = InstanceData(keypoints=truth[p, t][None],
                            keypoint_scores=score[p, t][None],
                            bboxes=np.asarray([[0, 0, 9, 9]], float))
        return BaseDataElement(pred_instances=inst)

    per_box = [[sample(0, t), sample(1, t)] for t in range(3)]
    got = frames_from_results(per_box)
    for t, (kp, sc, box) in enumerate(got):
        np.testing.assert_allclose(kp, truth[:, t])
        np.testing.assert_allclose(sc, score[:, t])
        assert box.shape == (2, 4)
    merged = [BaseDataElement(pred_instances=InstanceData(
        keypoints=truth[:, t], keypoint_scores=score[:, t]))
        for t in range(3)]
    for (ka, _, _), (kb, _, _) in zip(got, frames_from_results(merged)):
        np.testing.assert_allclose(ka, kb)


def test_tool_one_file_takes_its_label_from_the_csv(tmp_path):
    path = write(tmp_path / 'clip1.json', two_people()[2])
    (tmp_path / 'labels.csv').write_text('clip0,0\nclip1,3,val\n')
    out = str(tmp_path / 'one.pkl')
    proc = run_tool('tools/data/mmpose_to_pkl.py', path, out, '--labels',
                    str(tmp_path / 'labels.csv'), '--img-shape', '480', '640')
    assert proc.returncode == 0, proc.stderr[-3000:]
    data = mmengine.load(out)
    assert [a['label'] for a in data['annotations']] == [3]
    assert data['split'] == dict(val=['clip1'])
    # without --labels: label -1; a file the CSV does not list is an error
    proc = run_tool('tools/data/mmpose_to_pkl.py', path, out,
                    '--img-shape', '480', '640')
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert mmengine.load(out)['annotations'][0]['label'] == -1
    (tmp_path / 'other.csv').write_text('clip0,0\n')
    proc = run_tool('tools/data/mmpose_to_pkl.py', path, out, '--labels',
                    str(tmp_path / 'other.csv'), '--img-shape', '480', '640')
    assert proc.returncode != 0
    assert "other.csv: no row for" in proc.stderr and "'clip1'" in proc.stderr


@pytest.mark.parametrize('img_shape', [(0, 1920), (1080, ), 'HD'])
def test_pose_annotation_names_a_bad_img_shape(tmp_path, img_shape):
    frames = read_mmpose_json(write(tmp_path / 'a.json', two_people()[2]))
    assert pose_annotation(frames, 'clip', (1080, 1920))['img_shape'] == (
        1080, 1920)
    with pytest.raises(ValueError, match=r'^clip: img_shape: expected'):
        pose_annotation(frames, 'clip', img_shape)
