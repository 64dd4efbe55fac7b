"""A deterministic synthetic NTU-25 skeleton action set.

Each class is a parametric movement of a Kinect-v2 style body (arm raises,
waves, kicks, squats, ...). Samples vary by subject (body size and style),
speed, length, camera (yaw and position) and sensor noise, and are stored in
MMAction2's PoseDataset format with cross-subject and cross-view splits.
"""
from typing import Dict, List

import numpy as np

from ..datasets.converters.ntu import parse_name
from ..datasets.preprocessings import get_preprocessing
from .synthetic_2d import project_to_coco_2d

# Rest pose (metres, y up, facing -z), 0-based NTU joint order.
_REST = np.array([
    [0.00, 0.00, 0.00], [0.00, 0.25, 0.00], [0.00, 0.52, 0.00],
    [0.00, 0.65, 0.00], [-0.18, 0.43, 0.00], [-0.20, 0.17, 0.00],
    [-0.21, -0.07, 0.00], [-0.21, -0.14, 0.00], [0.18, 0.43, 0.00],
    [0.20, 0.17, 0.00], [0.21, -0.07, 0.00], [0.21, -0.14, 0.00],
    [-0.10, -0.02, 0.00], [-0.10, -0.45, 0.00], [-0.10, -0.85, 0.00],
    [-0.10, -0.90, -0.10], [0.10, -0.02, 0.00], [0.10, -0.45, 0.00],
    [0.10, -0.85, 0.00], [0.10, -0.90, -0.10], [0.00, 0.45, 0.00],
    [-0.21, -0.20, 0.00], [-0.17, -0.12, -0.02], [0.21, -0.20, 0.00],
    [0.17, -0.12, -0.02]
])

# pivot joint -> joints that move with it
_CHAINS = {
    'l_arm': (4, [5, 6, 7, 21, 22]),
    'l_fore': (5, [6, 7, 21, 22]),
    'r_arm': (8, [9, 10, 11, 23, 24]),
    'r_fore': (9, [10, 11, 23, 24]),
    'l_leg': (12, [13, 14, 15]),
    'l_shin': (13, [14, 15]),
    'r_leg': (16, [17, 18, 19]),
    'r_shin': (17, [18, 19]),
    'torso': (0, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 20, 21, 22, 23, 24]),
}
_AXES = {'x': (1., 0., 0.), 'y': (0., 1., 0.), 'z': (0., 0., 1.)}

#: Class names of the synthetic set (index = label).
CLASSES = ('wave right hand', 'wave left hand', 'raise both arms',
           'swing right arm', 'kick right leg', 'walk in place', 'squat',
           'bow', 'jump', 'handshake (two persons)')


def _rotations(axis: str, angle: np.ndarray) -> np.ndarray:
    """``(T, 3, 3)`` rotations about a fixed axis by per-frame angles."""
    k = np.array(_AXES[axis])
    K = np.array([[0, -k[2], k[1]], [k[2], 0, -k[0]], [-k[1], k[0], 0]])
    s, c = np.sin(angle)[:, None, None], np.cos(angle)[:, None, None]
    return np.eye(3) + s * K + (1 - c) * (K @ K)


def _rotate(pose: np.ndarray, chain: str, axis: str,
            angle: np.ndarray) -> np.ndarray:
    """Rotate a joint chain of a ``(T, V, 3)`` pose about its pivot."""
    pivot, joints = _CHAINS[chain]
    rot = _rotations(axis, angle)
    origin = pose[:, pivot:pivot + 1]
    pose = pose.copy()
    pose[:, joints] = origin + np.einsum('tij,tvj->tvi', rot,
                                         pose[:, joints] - origin)
    return pose


def _act(label: int, phase: np.ndarray, amp: float,
         pose: np.ndarray) -> np.ndarray:
    """Animate a ``(T, V, 3)`` rest pose with the movement of a class."""
    s = np.sin(phase)
    ramp = np.clip(np.sin(phase / 4)**2 * 3, 0, 1)  # raise, hold, lower
    if label in (0, 1):  # wave: arm up, forearm oscillates
        side, sign = ('r', 1) if label == 0 else ('l', -1)
        pose = _rotate(pose, f'{side}_fore', 'z', sign * amp * 0.7 * s)
        pose = _rotate(pose, f'{side}_arm', 'z', sign * 2.4 * ramp)
    elif label == 2:
        up = 2.8 * amp * np.abs(np.sin(phase / 2))
        pose = _rotate(pose, 'r_arm', 'z', up)
        pose = _rotate(pose, 'l_arm', 'z', -up)
    elif label == 3:
        pose = _rotate(pose, 'r_arm', 'x', -1.5 * amp * s)
    elif label == 4:
        kick = 1.2 * amp * np.clip(s, 0, None)
        pose = _rotate(pose, 'r_shin', 'x', 0.8 * kick)
        pose = _rotate(pose, 'r_leg', 'x', -kick)
    elif label == 5:
        pose = _rotate(pose, 'l_leg', 'x', -0.5 * amp * s)
        pose = _rotate(pose, 'r_leg', 'x', 0.5 * amp * s)
        pose = _rotate(pose, 'l_arm', 'x', 0.4 * amp * s)
        pose = _rotate(pose, 'r_arm', 'x', -0.4 * amp * s)
    elif label == 6:
        depth = 0.3 * amp * (1 - np.cos(phase)) / 2
        moving = [j for j in range(25) if j not in (14, 15, 18, 19)]
        pose = pose.copy()
        pose[:, moving, 1] -= depth[:, None]
        pose[:, [13, 17], 2] -= 0.8 * depth[:, None]
    elif label == 7:
        pose = _rotate(pose, 'torso', 'x', -1.0 * amp * (1 - np.cos(phase)) /
                       2)
    elif label == 8:
        pose = _rotate(pose, 'r_arm', 'z', 0.6 * amp * np.abs(s))
        pose = _rotate(pose, 'l_arm', 'z', -0.6 * amp * np.abs(s))
        pose = pose + np.stack(
            [0 * s, 0.25 * amp * np.abs(s), 0 * s], -1)[:, None]
    elif label == 9:
        pose = _rotate(pose, 'r_fore', 'x', -0.3 * amp * s)
        pose = _rotate(pose, 'r_arm', 'x', -1.2 * ramp)
    return pose


_DISTRACTORS = ('l_arm', 'r_arm', 'l_fore', 'r_fore', 'l_shin', 'r_shin',
                'torso')


def _distract(pose: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Add small movements of two random limbs (nuisance motion)."""
    num = pose.shape[0]
    t = np.arange(num)
    for chain in rng.choice(_DISTRACTORS, 2, replace=False):
        axis = rng.choice(['x', 'y', 'z'])
        angle = rng.uniform(0.1, 0.4) * np.sin(
            2 * np.pi * t / rng.uniform(20, 80) + rng.uniform(0, 6.3))
        pose = _rotate(pose, chain, axis, angle)
    return pose


def make_sample(label: int, subject: int, camera: int, rep: int,
                seed: int = 0) -> Dict:
    """Generate one raw (camera-space) sample.

    The action occupies a random window of the sequence (idle frames before
    and after), two random limbs move a little on their own, the body is
    distorted by a random linear map, a few joints may be badly tracked, and
    the camera has a random elevation: nuisances that UmURL's augmentations
    (crop-resize, shear, joint corruption) teach the encoder to ignore.

    Args:
        label (int): Class index into :data:`CLASSES`.
        subject (int): Subject id (body size and style).
        camera (int): Camera id 1..3 (yaw -45, 0 and +45 degrees).
        rep (int): Repetition index.
        seed (int): Global seed.

    Returns:
        dict: ``frame_dir``, ``label`` and raw ``keypoint`` ``(2, T, 25,
        3)`` (person 1 is all zeros except for two-person classes).
    """
    body = np.random.default_rng([seed, subject])
    scale = body.uniform(0.8, 1.2)
    shape = _REST * scale + body.normal(0, 0.02, _REST.shape)
    style = body.uniform(0.7, 1.3)
    rng = np.random.default_rng([seed, subject, camera, rep, label, 1])
    active = int(rng.integers(40, 101))
    before, after = rng.integers(0, active // 2 + 1, 2)
    num_frames = active + int(before) + int(after)
    cycles = rng.uniform(1.0, 2.5) * style
    phase = np.concatenate([
        np.zeros(before),
        np.linspace(0, 2 * np.pi * cycles, active),
        np.full(after, 2 * np.pi * cycles)
    ]) + rng.uniform(0, 0.5)
    amp = style * rng.uniform(0.8, 1.2)
    rest = np.repeat(shape[None], num_frames, 0)
    poses = [_distract(_act(label, phase, amp, rest), rng)]
    if label == 9:  # partner facing person 0, mirroring the handshake
        partner = _act(label, phase + 0.2, amp, rest)
        partner = partner @ _rotations('y', np.array([np.pi]))[0].T
        poses.append(partner + np.array([0.0, 0.0, -0.7]))
    keypoint = np.zeros((2, num_frames, 25, 3))
    keypoint[:len(poses)] = poses
    distort = np.eye(3) + rng.uniform(-0.25, 0.25, (3, 3))
    yaw = np.deg2rad((camera - 2) * 45 + rng.uniform(-10, 10))
    pitch = np.deg2rad(rng.uniform(-20, 20))
    view = _rotations('x', np.array([pitch]))[0] @ _rotations(
        'y', np.array([yaw]))[0]
    keypoint = keypoint @ (view @ distort).T
    keypoint += np.array(
        [rng.uniform(-0.5, 0.5), rng.uniform(-0.1, 0.1),
         rng.uniform(2.5, 3.5)])
    keypoint += rng.normal(0, 0.015, keypoint.shape)
    glitch = rng.choice(25, int(rng.integers(0, 5)), replace=False)
    keypoint[:, :, glitch] += rng.normal(0, 0.08,
                                         keypoint[:, :, glitch].shape)
    keypoint[len(poses):] = 0
    name = f'S001C{camera:03d}P{subject:03d}R{rep + 1:03d}A{label + 1:03d}'
    return dict(
        frame_dir=name, label=label, keypoint=keypoint.astype(np.float32))


def make_synthetic_dataset(num_subjects: int = 20,
                           num_reps: int = 2,
                           num_classes: int = len(CLASSES),
                           train_subjects: int = 14,
                           seed: int = 0,
                           normalize: bool = True,
                           two_d: bool = False,
                           preprocess: str = 'umurl') -> Dict:
    """Build the synthetic set in MMAction2's PoseDataset layout.

    Args:
        num_subjects (int): Subjects. Defaults to 20.
        num_reps (int): Repetitions per subject, class and camera.
            Defaults to 2.
        num_classes (int): Classes, at most ``len(CLASSES)``. Defaults to
            all.
        train_subjects (int): Subjects 1..train_subjects form
            ``xsub_train``, the rest ``xsub_val``. Defaults to 14.
        seed (int): Seed; equal seeds give identical data. Defaults to 0.
        normalize (bool): Apply UmURL's preprocessing (as the NTU data
            tools do). Defaults to True.
        two_d (bool): Write COCO-17 2D keypoints in pixels with scores, as
            MMAction2's pose extraction does (:mod:`.synthetic_2d`; never
            normalised: the 2D pipeline does it). Defaults to False.
        preprocess (str): With ``normalize``: a name of
            :data:`~umurl_mm.datasets.preprocessings.PREPROCESSINGS`
            (``umurl``, ``mamp``, ...). Defaults to ``umurl``.

    Returns:
        dict: ``split`` (``xsub_*`` and ``xview_*``, camera 1 for
        validation), ``annotations`` and, for prepared 3D data,
        ``preprocess``.
    """
    if not 1 <= num_classes <= len(CLASSES):
        raise ValueError(f'num_classes must be in 1..{len(CLASSES)}')
    prepare = get_preprocessing(preprocess)
    annos: List[Dict] = []
    for subject in range(1, num_subjects + 1):
        for label in range(num_classes):
            for camera in (1, 2, 3):
                for rep in range(num_reps):
                    anno = make_sample(label, subject, camera, rep, seed)
                    if two_d:
                        anno.update(project_to_coco_2d(
                            anno['keypoint'], np.random.default_rng(
                                [seed, subject, camera, rep, label, 2])))
                        anno['total_frames'] = anno['keypoint'].shape[1]
                    elif normalize:
                        kp, frames = prepare(anno['keypoint'], 2,
                                             anno['frame_dir'])
                        anno.update(keypoint=kp, total_frames=frames)
                    else:
                        anno['total_frames'] = anno['keypoint'].shape[1]
                    annos.append(anno)
    names = [a['frame_dir'] for a in annos]
    ids = [parse_name(n) for n in names]
    train_xsub = [i['subject'] <= train_subjects for i in ids]
    train_xview = [i['camera'] != 1 for i in ids]
    split = dict(
        xsub_train=[n for n, t in zip(names, train_xsub) if t],
        xsub_val=[n for n, t in zip(names, train_xsub) if not t],
        xview_train=[n for n, t in zip(names, train_xview) if t],
        xview_val=[n for n, t in zip(names, train_xview) if not t])
    data = dict(split=split, annotations=annos)
    if normalize and not two_d:
        data['preprocess'] = preprocess
    return data
