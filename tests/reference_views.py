"""An independent reference of one pre-training view, written from the
method's specification in plain NumPy, loop by loop: crop frames
``[start, start + L)``, resample them linearly to ``clip_len`` frames
(``align_corners=False``), then either corrupt the chosen joints (zero
them, or multiply their coordinate row vectors by ``mix``) or shear every
point (``x -> S x``). Only the first ``A`` channels are coordinates; a
score channel after them is kept, or zeroed with its joint."""
import numpy as np


def resample(frames: np.ndarray, clip_len: int) -> np.ndarray:
    """``frames`` ``(L, ...)`` linearly resampled to ``clip_len``."""
    size = len(frames)
    out = np.empty((clip_len, ) + frames.shape[1:], np.float64)
    for t in range(clip_len):
        pos = max((t + 0.5) * size / clip_len - 0.5, 0.0)
        lo = min(int(pos), size - 1)
        hi = min(lo + 1, size - 1)
        w = pos - lo
        out[t] = frames[lo] * (1 - w) + frames[hi] * w
    return out


def reference_view(clip: np.ndarray, p: dict, clip_len: int) -> np.ndarray:
    """One view of ``clip`` ``(M, T, V, C)`` for the drawn parameters ``p``
    of that view (``start``, ``length``, ``corrupt``, ``zero``,
    ``joints``, ``mix``, ``shear`` as :func:`draw_view_params` gives them:
    ``(C, C)`` matrices whose rows and columns past the coordinates are the
    identity's, so a score channel passes through)."""
    start, length = int(p['start']), int(p['length'])
    M, _, V, _ = clip.shape
    view = np.stack([resample(clip[m, start:start + length], clip_len)
                     for m in range(M)])
    for m in range(M):
        for t in range(clip_len):
            for v in range(V):
                x = view[m, t, v].copy()
                if p['corrupt']:
                    if p['joints'][v]:
                        x = 0 * x if p['zero'] else x @ p['mix']
                else:
                    x = p['shear'] @ x
                view[m, t, v] = x
    return view
