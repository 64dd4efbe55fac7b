"""MMPose predictions to PoseDataset annotations: readers of MMPose's
prediction JSON (``MMPoseInferencer(pred_out_dir=...)`` per video or image,
``demo/topdown_demo_with_mmdet.py --save-predictions``) and of in-memory
``inference_topdown`` / MMAction2 ``pose_inference`` results, and person
tracking across frames."""
import json
from typing import Any, Dict, List, Optional, Sequence, Tuple

import numpy as np
from scipy.optimize import linear_sum_assignment

from ..preprocess import check_img_shape

#: One frame: keypoints (N, V, 2), scores (N, V), boxes (N, 4) or None.
Frame = Tuple[np.ndarray, np.ndarray, Optional[np.ndarray]]


def _frame(instances: Sequence[Dict], where: str) -> Frame:
    """Arrays of one frame's instance dicts (MMPose's ``split_instances``
    layout: ``keypoints`` V x 2, ``keypoint_scores`` V, ``bbox`` [[x1, y1,
    x2, y2]] optional)."""
    if not isinstance(instances, list):
        raise ValueError(f"{where}: 'instances' is a "
                         f'{type(instances).__name__}, not a list')
    kps, scores, boxes = [], [], []
    for j, inst in enumerate(instances):
        at = f'{where}, instance {j}'
        if not isinstance(inst, dict) or 'keypoints' not in inst:
            raise ValueError(f"{at}: no 'keypoints' field")
        kp = np.asarray(inst['keypoints'], dtype=np.float64)
        if kp.ndim != 2 or kp.shape[1] != 2:
            raise ValueError(f"{at}, field 'keypoints': expected V x 2 "
                             f'pixel coordinates, got shape {kp.shape}')
        score = np.asarray(inst.get('keypoint_scores', np.ones(len(kp))),
                           dtype=np.float64)
        if score.shape != (len(kp), ):
            raise ValueError(f"{at}, field 'keypoint_scores': expected "
                             f'{len(kp)} scores, got shape {score.shape}')
        if not (np.isfinite(kp).all() and np.isfinite(score).all()):
            raise ValueError(f'{at}: non-finite keypoint or score')
        kps.append(kp)
        scores.append(score)
        if 'bbox' in inst:
            box = np.asarray(inst['bbox'], dtype=np.float64).reshape(-1)
            if box.shape != (4, ):
                raise ValueError(f"{at}, field 'bbox': expected [x1, y1, "
                                 f'x2, y2], got {inst["bbox"]!r}')
            boxes.append(box)
    num_joints = {len(k) for k in kps}
    if len(num_joints) > 1:
        raise ValueError(f'{where}: instances with different joint counts '
                         f'{sorted(num_joints)}')
    if not kps:
        return np.zeros((0, 0, 2)), np.zeros((0, 0)), None
    return (np.stack(kps), np.stack(scores),
            np.stack(boxes) if len(boxes) == len(kps) else None)


def read_mmpose_json(path: str) -> List[Frame]:
    """Read one video's (or image's) MMPose predictions.

    Accepts a list of ``{'frame_id', 'instances'}`` (``MMPoseInferencer``
    on a video), ``{'instance_info': [...]}`` (MMPose's demo scripts) or a
    list of instances (one image). Frames are ordered by ``frame_id``;
    missing ids become empty frames.

    Args:
        path (str): The JSON file.

    Returns:
        list: One ``(keypoints, scores, boxes)`` per frame.
    """
    try:
        with open(path) as f:
            data = json.load(f)
    except (OSError, ValueError) as e:
        raise ValueError(f'{path}: cannot read as JSON '
                         f'({type(e).__name__}: {e})') from e
    if isinstance(data, dict) and 'instance_info' in data:
        data = data['instance_info']
    if not isinstance(data, list):
        raise ValueError(f'{path}: expected a list of frames or instances, '
                         f'got {type(data).__name__}')
    if all(isinstance(d, dict) and 'keypoints' in d for d in data) and data:
        return [_frame(data, f'{path}: frame 0')]
    ids = []
    for i, item in enumerate(data):
        if not isinstance(item, dict) or 'instances' not in item:
            raise ValueError(f"{path}: item {i} has no 'instances' (expected "
                             "MMPose's {'frame_id', 'instances'} frames)")
        ids.append(int(item.get('frame_id', i)))
    if not ids:
        raise ValueError(f'{path}: no frame')
    first = min(ids)
    frames: List[Frame] = [(np.zeros((0, 0, 2)), np.zeros((0, 0)), None)
                           ] * (max(ids) - first + 1)
    for i, (fid, item) in enumerate(zip(ids, data)):
        frames[fid - first] = _frame(item['instances'],
                                     f'{path}: frame {fid}')
    return frames


def frames_from_results(results: Sequence[Any]) -> List[Frame]:
    """Frames of in-memory pose results, one entry per frame: a dict with
    ``keypoints`` (N, V, 2), ``keypoint_scores`` and optional ``bboxes``
    (MMAction2's ``pose_inference``), or MMPose ``PoseDataSample``(s) from
    ``inference_topdown`` (their ``pred_instances``)."""
    frames = []
    for t, res in enumerate(results):
        if isinstance(res, (list, tuple)):  # inference_topdown: per box
            parts = [r.pred_instances for r in res]
            res = {k: np.concatenate([np.asarray(p.get(k)) for p in parts])
                   if parts else np.zeros((0, 0, 2))
                   for k in ('keypoints', 'keypoint_scores')}
            if parts and all('bboxes' in p for p in parts):
                res['bboxes'] = np.concatenate(
                    [np.asarray(p.bboxes) for p in parts])
        elif hasattr(res, 'pred_instances'):
            res = res.pred_instances
        kp = np.asarray(res['keypoints'], dtype=np.float64)
        instances = [
            dict(keypoints=kp[j],
                 keypoint_scores=np.asarray(res['keypoint_scores'])[j])
            for j in range(len(kp))
        ]
        if 'bboxes' in res and res['bboxes'] is not None:
            for j, box in enumerate(np.asarray(res['bboxes'])):
                instances[j]['bbox'] = box[:4]
        frames.append(_frame(instances, f'result {t}'))
    return frames


def _boxes_of(kp: np.ndarray) -> np.ndarray:
    """Tight boxes ``(N, 4)`` around keypoints ``(N, V, 2)``."""
    return np.concatenate([kp.min(1), kp.max(1)], -1)


def _iou(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Pairwise IoU of boxes ``(A, 4)`` and ``(B, 4)``."""
    lo = np.maximum(a[:, None, :2], b[None, :, :2])
    hi = np.minimum(a[:, None, 2:], b[None, :, 2:])
    inter = np.clip(hi - lo, 0, None).prod(-1)
    area = lambda x: np.clip(x[:, 2:] - x[:, :2], 0, None).prod(-1)  # noqa
    return inter / np.maximum(area(a)[:, None] + area(b)[None] - inter,
                              1e-9)


def track_persons(frames: Sequence[Frame],
                  max_persons: int = 4,
                  method: str = 'iou',
                  min_iou: float = 0.1,
                  max_dist: float = 0.5) -> Tuple[np.ndarray, np.ndarray]:
    """Link per-frame detections into person tracks.

    Every frame's detections are matched to the existing tracks (their
    last box / keypoints) by the Hungarian algorithm on ``1 - IoU`` of the
    boxes (``method='iou'``; boxes from the keypoints when the predictions
    have none) or on the mean keypoint distance divided by the track's box
    diagonal (``method='keypoint'``). Pairs with IoU < ``min_iou`` or
    distance > ``max_dist`` are not linked; unmatched detections start new
    tracks. The ``max_persons`` tracks with the largest summed keypoint
    score are kept, best first.

    Args:
        frames (Sequence): ``(keypoints, scores, boxes)`` per frame.
        max_persons (int): Tracks kept. Defaults to 4.
        method (str): ``'iou'`` or ``'keypoint'``. Defaults to ``'iou'``.
        min_iou (float): Defaults to 0.1.
        max_dist (float): Defaults to 0.5.

    Returns:
        tuple[np.ndarray]: ``keypoint`` ``(M, T, V, 2)`` and
        ``keypoint_score`` ``(M, T, V)`` float32, zeros where a person is
        not seen.
    """
    if method not in ('iou', 'keypoint'):
        raise ValueError(f"method must be 'iou' or 'keypoint', got "
                         f'{method!r}')
    T = len(frames)
    sizes = {len(kp[0]) for kp, _, _ in frames if len(kp)}
    if not sizes:
        raise ValueError('no person detected in any frame')
    V = sizes.pop()
    last_kp = np.zeros((0, V, 2))
    last_box = np.zeros((0, 4))
    members: List[List[Tuple[int, int]]] = []  # (frame, detection)
    for t, (kp, score, box) in enumerate(frames):
        if not len(kp):
            continue
        if kp.shape[1] != V:
            raise ValueError(f'frame {t}: {kp.shape[1]} joints, earlier '
                             f'frames {V}')
        box = _boxes_of(kp) if box is None else box
        linked = np.full(len(kp), -1)
        if len(last_kp):
            if method == 'iou':
                cost = 1 - _iou(last_box, box)
                ok = cost <= 1 - min_iou
            else:
                diag = np.linalg.norm(
                    last_box[:, 2:] - last_box[:, :2], axis=-1)
                cost = np.linalg.norm(
                    last_kp[:, None] - kp[None], axis=-1).mean(-1) / \
                    np.maximum(diag, 1e-9)[:, None]
                ok = cost <= max_dist
            rows, cols = linear_sum_assignment(np.where(ok, cost, 1e9))
            good = ok[rows, cols]
            linked[cols[good]] = rows[good]
        new = np.flatnonzero(linked < 0)
        linked[new] = np.arange(len(members), len(members) + len(new))
        members.extend([] for _ in new)
        last_kp = np.concatenate([last_kp, np.zeros((len(new), V, 2))])
        last_box = np.concatenate([last_box, np.zeros((len(new), 4))])
        last_kp[linked], last_box[linked] = kp, box
        for det, track in enumerate(linked):
            members[track].append((t, det))
    weight = [sum(frames[t][1][d].sum() for t, d in m) for m in members]
    keep = np.argsort(-np.asarray(weight), kind='stable')[:max_persons]
    keypoint = np.zeros((len(keep), T, V, 2), np.float32)
    keypoint_score = np.zeros((len(keep), T, V), np.float32)
    for m, track in enumerate(keep):
        for t, d in members[track]:
            keypoint[m, t] = frames[t][0][d]
            keypoint_score[m, t] = frames[t][1][d]
    return keypoint, keypoint_score


def pose_annotation(frames: Sequence[Frame], name: str,
                    img_shape: Sequence[int], label: int = -1,
                    **track_kwargs) -> Dict:
    """One PoseDataset annotation (MMAction2's 2D format) from frames.

    Args:
        frames (Sequence): ``(keypoints, scores, boxes)`` per frame.
        name (str): ``frame_dir`` of the clip.
        img_shape (Sequence[int]): ``(height, width)`` of the video.
        label (int): Class index; -1 when unknown (feature extraction
            only: the training datasets reject it). Defaults to -1.
        **track_kwargs: Passed to :func:`track_persons`.

    Returns:
        dict: ``frame_dir``, ``label``, ``keypoint``, ``keypoint_score``,
        ``img_shape``, ``original_shape``, ``total_frames``.
    """
    try:
        keypoint, score = track_persons(frames, **track_kwargs)
    except ValueError as e:
        raise ValueError(f'{name}: {e}') from None
    shape = tuple(
        int(v) for v in check_img_shape(img_shape, f'{name}: img_shape'))
    return dict(
        frame_dir=name,
        label=int(label),
        keypoint=keypoint,
        keypoint_score=score,
        img_shape=shape,
        original_shape=shape,
        total_frames=keypoint.shape[1])
