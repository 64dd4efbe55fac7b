"""Let mmengine's ``AmpOptimWrapper`` run on a CPU, for tests only.

``AmpOptimWrapper`` refuses to build without an accelerator, and mmengine's
``autocast`` allows only bfloat16 on a CPU. Importing this module (e.g.
through a config's ``custom_imports``) lifts both: the wrapper builds, and
its ``optim_context`` runs the model under plain ``torch.autocast('cpu',
dtype)`` in bfloat16 or float16 — what it runs on a GPU with ``'cuda'``.
The loss scaler (``torch.cuda.amp.GradScaler``) disables itself without
CUDA, so steps are unscaled.
"""
import json
import os.path as osp
from contextlib import contextmanager

import torch
import torch.nn as nn
from mmaction.registry import HOOKS
from mmengine.hooks import Hook
from mmengine.optim.optimizer import amp_optimizer_wrapper
from mmengine.runner import amp

_autocast = amp.autocast


@contextmanager
def _cpu_autocast(device_type=None, dtype=None, enabled=True,
                  cache_enabled=None):
    if torch.cuda.is_available() or device_type not in (None, 'cpu'):
        with _autocast(device_type, dtype, enabled, cache_enabled):
            yield
        return
    with torch.autocast('cpu', dtype=dtype or torch.bfloat16,
                        enabled=enabled):
        yield


amp_optimizer_wrapper.is_cuda_available = lambda: True
amp.autocast = _cpu_autocast


@HOOKS.register_module()
class AutocastProbeHook(Hook):
    """Record the dtypes of the outputs of the model's first ``nn.Linear``
    in training mode (validation runs without autocast), written to
    ``WORK_DIR/autocast_dtypes.json`` at the end: the proof that the
    training steps ran under autocast."""

    def before_train(self, runner) -> None:
        model = getattr(runner.model, 'module', runner.model)
        linear = next(m for m in model.modules() if isinstance(m, nn.Linear))
        self.dtypes = set()
        linear.register_forward_hook(lambda mod, args, out: self.dtypes.add(
            str(out.dtype)) if mod.training else None)

    def after_train(self, runner) -> None:
        with open(osp.join(runner.work_dir, 'autocast_dtypes.json'),
                  'w') as f:
            json.dump(sorted(self.dtypes), f)
