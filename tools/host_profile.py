"""Count the host work of pre-training iterations: aten ops and host reads.

On a GPU every aten op costs a dispatch or a kernel launch on the host and
every ``.item()`` / ``.cpu()`` / ``bool(tensor)`` of a device tensor stalls
the queue; torch.profiler counts both (the reads as
``aten::_local_scalar_dense``) the same on any machine. :func:`host_profile`
runs a config's own Runner (its hooks, data loader and optimiser wrapper)
for one epoch and profiles every training iteration after the first, from
the first ``before_train_iter`` hook to the last ``after_train_iter`` hook,
attributing each op to the part of the iteration that issued it.
``tools/benchmark_pretrain.py --profile-host`` prints the table.
"""
import functools
from collections import Counter
from typing import Dict, Tuple

import torch
from mmengine.hooks import Hook
from torch.autograd.profiler import record_function

READ = 'aten::_local_scalar_dense'
_TAG = 'host/'
#: multi-tensor kernels: one launch on a GPU, a loop of per-tensor ops
#: inside them on the CPU
_MULTI_TENSOR = ('aten::_foreach_', 'aten::_fused_')


def _tagged(fn, tag):
    @functools.wraps(fn)
    def run(*args, **kwargs):
        with record_function(_TAG + tag):
            return fn(*args, **kwargs)

    return run


def _instrument(runner) -> None:
    """Label the parts of an iteration: the data preprocessor, the model's
    forward and loss, backward, optimiser step, and each hook."""
    model = getattr(runner.model, 'module', runner.model)
    pre = model.data_preprocessor
    pre.forward = _tagged(pre.forward, 'data preprocessor')
    model.loss = _tagged(model.loss, 'forward + loss')
    if hasattr(model, 'parse_losses'):
        model.parse_losses = _tagged(model.parse_losses, 'parse losses')
    wrapper = runner.optim_wrapper
    wrapper.backward = _tagged(wrapper.backward, 'backward')
    wrapper.step = _tagged(wrapper.step, 'optimiser step')
    wrapper.zero_grad = _tagged(wrapper.zero_grad, 'optimiser step')
    for hook in runner.hooks:
        if isinstance(hook, _Profile):
            continue
        name = 'hook ' + type(hook).__name__
        for stage in ('before_train_iter', 'after_train_iter'):
            setattr(hook, stage, _tagged(getattr(hook, stage), name))


class _Profile(Hook):
    """Starts (``start=True``, highest priority) or stops the profiler
    around each iteration after the first, summing the counts."""

    def __init__(self, state: Dict, start: bool) -> None:
        self.state, self.start = state, start
        self.priority = 'HIGHEST' if start else 'LOWEST'

    def before_train(self, runner):
        if self.start:
            _instrument(runner)

    def before_train_iter(self, runner, batch_idx, data_batch=None):
        if self.start and batch_idx > 0:
            self.state['prof'] = torch.profiler.profile(
                activities=[torch.profiler.ProfilerActivity.CPU])
            self.state['prof'].__enter__()

    def after_train_iter(self, runner, batch_idx, data_batch=None,
                         outputs=None):
        if self.start or 'prof' not in self.state:
            return
        prof = self.state.pop('prof')
        prof.__exit__(None, None, None)
        self.state['iters'] += 1
        for event in prof.events():
            if not event.name.startswith('aten::'):
                continue
            part, fallback = 'other (train step, loop)', False
            parent = event.cpu_parent
            while parent is not None:
                fallback |= parent.name.startswith(_MULTI_TENSOR)
                if parent.name.startswith(_TAG):
                    part = parent.name[len(_TAG):]
                    break
                parent = parent.cpu_parent
            counts = self.state['fallback' if fallback else 'ops']
            counts[part, event.name == READ] += 1


#: per part: (aten ops, host reads) per iteration
Counts = Dict[str, Tuple[float, float]]


def host_profile(runner) -> Tuple[int, Dict[str, Counts]]:
    """Train ``runner`` (built, not started) and count its host work.

    Args:
        runner (mmengine.runner.Runner): A Runner whose train loop has at
            least two iterations.

    Returns:
        tuple: iterations profiled, and ``{'ops': {part: (aten ops, host
        reads)}, 'fallback': {...}}`` per iteration, each with the key
        ``'total'``: ``ops`` as a GPU's host issues them (a multi-tensor
        kernel, ``_foreach_*`` or ``_fused_*``, is one op), ``fallback``
        the per-tensor ops that those kernels run inside them on the
        CPU.
    """
    state = dict(iters=0, ops=Counter(), fallback=Counter())
    runner.register_hook(_Profile(state, True), 'HIGHEST')
    runner.register_hook(_Profile(state, False), 'LOWEST')
    runner.train()
    n = max(state['iters'], 1)
    table = {}
    for key in ('ops', 'fallback'):
        counts = state[key]
        parts = sorted({p for p, _ in counts},
                       key=lambda p: -counts[p, False] - counts[p, True])
        table[key] = {p: ((counts[p, False] + counts[p, True]) / n,
                          counts[p, True] / n) for p in parts}
        table[key]['total'] = (sum(counts.values()) / n,
                               sum(v for (_, r), v in counts.items() if r) / n)
    return state['iters'], table
