from typing import Dict, List, Optional

import torch
from mmaction.registry import HOOKS
from mmengine.hooks import Hook
from mmengine.optim import AmpOptimWrapper


class NonFiniteTrainingError(RuntimeError):
    """Training produced a non-finite loss, gradient or weight."""


def batch_names(data_batch: Optional[Dict], limit: int = 8) -> str:
    """The ``frame_dir`` of a batch's samples, for error messages."""
    samples = (data_batch or {}).get('data_samples') or []
    names = [str(s.metainfo.get('frame_dir', '?')) for s in samples]
    if not names:
        return '(names unknown)'
    more = f' ... (+{len(names) - limit} more)' if len(names) > limit else ''
    return f'{names[:limit]}{more}'


def non_finite_keys(tensors: Dict[str, torch.Tensor]) -> List[str]:
    """Keys of the floating-point tensors that hold a NaN or inf (one host
    read for all of them)."""
    keys = [k for k, v in tensors.items()
            if torch.is_tensor(v) and v.is_floating_point()]
    if not keys:
        return []
    flags = torch.stack(
        [~torch.isfinite(tensors[k]).all() for k in keys]).cpu().tolist()
    return [k for k, bad in zip(keys, flags) if bad]


@HOOKS.register_module()
class FiniteGuardHook(Hook):
    """Stop training on non-finite values before they reach a checkpoint,
    with no host synchronisation in between.

    After every training iteration the loss terms (and, with
    ``AmpOptimWrapper``, the dynamic loss scale) are kept on the device;
    every ``interval`` iterations, at the end of each epoch and before
    every checkpoint is saved they are read back in one copy and checked:

    - a non-finite loss term stops the run; the error names the first
      iteration whose loss was non-finite (epoch, iteration, terms) and the
      samples (``frame_dir``) of its batch and of the batch before it (a
      non-finite gradient there leaves non-finite weights, and so a
      non-finite loss, one iteration later);
    - with ``AmpOptimWrapper``, steps skipped by the dynamic loss scaler
      (its scale drops) are allowed, but ``max_skipped_steps`` in a row is
      an error (the scaler never recovered).

    ``before_save_checkpoint`` also refuses to write weights holding
    NaN/inf (``check_weights``), so a non-finite update in the last
    iterations before a save is caught too. This hook runs before
    ``CheckpointHook``: a failing state is never saved and
    ``max_keep_ckpts`` never removes the last good checkpoint.

    Args:
        interval (int): Check every ``interval`` iterations. Defaults to 20.
        check_weights (bool): Check the weights before every save.
            Defaults to True.
        max_skipped_steps (int): Consecutive AMP steps skipped for
            overflow that count as divergence. Defaults to 50.
    """

    priority = 'ABOVE_NORMAL'

    def __init__(self,
                 interval: int = 20,
                 check_weights: bool = True,
                 max_skipped_steps: int = 50) -> None:
        if interval < 1:
            raise ValueError(f'interval must be >= 1, got {interval}')
        self.interval = interval
        self.check_weights = check_weights
        self.max_skipped_steps = max_skipped_steps
        self._scale: Optional[float] = None
        self._skipped = 0
        self._pending: List[Dict] = []
        self._previous: Optional[Dict] = None

    def after_train_iter(self,
                         runner,
                         batch_idx: int,
                         data_batch: Optional[Dict] = None,
                         outputs: Optional[Dict] = None) -> None:
        """Keep this iteration's loss terms (and loss scale); check them
        every ``interval`` iterations and at the end of the epoch."""
        terms = {k: v for k, v in (outputs or {}).items()
                 if torch.is_tensor(v) and v.is_floating_point()}
        entry = dict(
            epoch=runner.epoch, batch_idx=batch_idx, iter=runner.iter,
            samples=(data_batch or {}).get('data_samples'),
            keys=list(terms),
            terms=torch.stack([v.detach().float().reshape(())
                               for v in terms.values()]) if terms else None,
            scale=self._scale_tensor(runner.optim_wrapper))
        self._pending.append(entry)
        loader = getattr(runner, 'train_dataloader', None)
        if len(self._pending) >= self.interval or (
                loader is not None and batch_idx + 1 == len(loader)):
            self.check(runner)

    @staticmethod
    def _scale_tensor(wrapper) -> Optional[torch.Tensor]:
        if not isinstance(wrapper, AmpOptimWrapper):
            return None
        scale = getattr(wrapper.loss_scaler, '_scale', None)
        if torch.is_tensor(scale):
            return scale.detach().float().reshape(()).clone()
        return torch.tensor(float(wrapper.loss_scaler.get_scale()))

    def check(self, runner) -> None:
        """Read the kept values back (one copy) and check them in order."""
        pending, self._pending = self._pending, []
        if not pending:
            return
        values = [e['terms'] for e in pending if e['terms'] is not None]
        values += [e['scale'] for e in pending if e['scale'] is not None]
        host = torch.cat([v.reshape(-1).to(values[0].device)
                          for v in values]).cpu().tolist() if values else []
        offset = 0
        for entry in pending:
            if entry['terms'] is not None:
                entry['terms'] = host[offset:offset + len(entry['keys'])]
                offset += len(entry['keys'])
        for entry in pending:
            if entry['scale'] is not None:
                entry['scale'] = host[offset]
                offset += 1
        for entry in pending:
            self._check_entry(runner, entry)
            self._previous = entry

    def _check_entry(self, runner, entry: Dict) -> None:
        terms = dict(zip(entry['keys'], entry['terms'] or []))
        bad = [k for k, v in terms.items() if not abs(v) < float('inf')]
        if bad:
            self._fail(entry, f'non-finite loss {bad}', terms)
        if entry['scale'] is None:
            return
        scale = entry['scale']
        skipped = self._scale is not None and scale < self._scale
        self._skipped = self._skipped + 1 if skipped else 0
        self._scale = scale
        if self._skipped >= self.max_skipped_steps:
            self._fail(
                entry, f'{self._skipped} consecutive mixed-precision steps '
                f'skipped for non-finite gradients (loss scale now '
                f'{scale:.3g}): the dynamic loss scaler did not recover',
                terms)

    def _fail(self, entry: Dict, what: str, terms: Dict) -> None:
        text = ', '.join(f'{k}={v:.6g}' for k, v in terms.items())
        before = ''
        if self._previous is not None:
            names = batch_names(dict(data_samples=self._previous['samples']))
            before = f'; the update before it came from batch samples {names}'
        raise NonFiniteTrainingError(
            f"{what} at epoch {entry['epoch'] + 1}, iteration "
            f"{entry['batch_idx'] + 1} of the epoch (global iteration "
            f"{entry['iter'] + 1}); loss terms: {text or 'n/a'}; batch "
            f"samples: {batch_names(dict(data_samples=entry['samples']))}"
            f'{before}. Training stopped before saving any state from '
            'this point; the checkpoints already written are untouched. '
            'Check these samples for extreme coordinates, or lower the '
            'learning rate.')

    def before_save_checkpoint(self, runner, checkpoint: Dict) -> None:
        """Check what is kept, then refuse to write weights holding NaN/inf.
        """
        self.check(runner)
        if not self.check_weights:
            return
        bad = non_finite_keys(checkpoint.get('state_dict', {}))
        if bad:
            raise NonFiniteTrainingError(
                f'refusing to save a checkpoint at epoch {runner.epoch}: '
                f'weights {bad[:5]} hold NaN/inf (+{max(len(bad) - 5, 0)} '
                'more); the checkpoints already written are untouched')

    def after_train(self, runner) -> None:
        """Check what the last iterations left."""
        self.check(runner)
