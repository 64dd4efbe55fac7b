"""The official preprocessing, written independently from the spec as plain
per-person, per-frame loops (the shape of the official ``pre_normalization``
after body selection), to check the vectorised data tools against."""
import numpy as np


def official_pad(s):
    """Step 2 on ``(M, T, V, C)``: compact a body whose first frame is
    empty, then from the first frame after which the body never appears,
    repeat its frames from the start. Keeps all T frames."""
    s = s.copy()
    for person in s:
        if person.sum() == 0:
            continue
        if person[0].sum() == 0:
            keep = person.sum(-1).sum(-1) != 0
            tmp = person[keep].copy()
            person *= 0
            person[:len(tmp)] = tmp
        for i_f, frame in enumerate(person):
            if frame.sum() == 0 and person[i_f:].sum() == 0:
                rest = len(person) - i_f
                num = int(np.ceil(rest / i_f))
                person[i_f:] = np.concatenate([person[:i_f]] * num)[:rest]
                break
    return s


def rotation(axis, angle):
    """Euler-Rodrigues rotation by ``angle`` about ``axis``."""
    if np.abs(axis).sum() < 1e-6 or np.abs(angle) < 1e-6:
        return np.eye(3)
    axis = axis / np.sqrt(np.dot(axis, axis))
    a = np.cos(angle / 2.0)
    b, c, d = -axis * np.sin(angle / 2.0)
    return np.array([
        [a * a + b * b - c * c - d * d, 2 * (b * c + a * d),
         2 * (b * d - a * c)],
        [2 * (b * c - a * d), a * a + c * c - b * b - d * d,
         2 * (c * d + a * b)],
        [2 * (b * d + a * c), 2 * (c * d - a * b),
         a * a + d * d - b * b - c * c]])


def official_preprocess(s):
    """Steps 2-4 on the selected bodies ``(M, T, 25, 3)``; returns the
    array and its valid frame count (the source's T)."""
    s = official_pad(s.astype(np.float64))
    center = s[0][:, 1:2, :].copy()  # joint 2 of person 0, per frame
    for i_p in range(len(s)):
        mask = (s[i_p].sum(-1) != 0)[..., None]
        s[i_p] = (s[i_p] - center) * mask
    vec = s[0, 0, 8] - s[0, 0, 4]  # left -> right shoulder, frame 0
    x = np.array([1.0, 0.0, 0.0])
    cos = np.dot(vec, x) / np.linalg.norm(vec)
    matrix = rotation(np.cross(vec, x), np.arccos(np.clip(cos, -1, 1)))
    for person in s:
        for frame in person:
            for v, joint in enumerate(frame):
                if joint.sum() != 0:
                    frame[v] = matrix @ joint
    return s, s.shape[1]
