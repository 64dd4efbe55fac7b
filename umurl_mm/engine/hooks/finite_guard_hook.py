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
    """Keys of the floating-point tensors that hold a NaN or inf."""
    keys = [k for k, v in tensors.items()
            if torch.is_tensor(v) and v.is_floating_point()]
    if not keys:
        return []
    flags = torch.stack(
        [~torch.isfinite(tensors[k]).all() for k in keys]).cpu().tolist()
    return [k for k, bad in zip(keys, flags) if bad]


@HOOKS.register_module()
class FiniteGuardHook(Hook):
    """Stop training on non-finite values before they reach a checkpoint.

    After every training iteration:

    - a non-finite loss term stops the run;
    - with a plain (fp32) optimiser wrapper, a non-finite weight after the
      update (what a non-finite gradient leaves) stops the run;
    - with ``AmpOptimWrapper``, steps skipped by the dynamic loss scaler
      (its scale drops) are allowed, but ``max_skipped_steps`` in a row is
      an error (the scaler never recovered).

    The error names the epoch, the iteration, the loss terms and the
    batch's samples (``frame_dir``). This hook runs before
    ``CheckpointHook``, so the state is never saved and ``max_keep_ckpts``
    never removes the last good checkpoint. As a last line,
    ``before_save_checkpoint`` refuses to write weights holding NaN/inf.

    Args:
        check_weights (bool): Check the weights after each fp32 update.
            Defaults to True.
        max_skipped_steps (int): Consecutive AMP steps skipped for
            overflow that count as divergence. Defaults to 50.
    """

    priority = 'ABOVE_NORMAL'

    def __init__(self,
                 check_weights: bool = True,
                 max_skipped_steps: int = 50) -> None:
        self.check_weights = check_weights
        self.max_skipped_steps = max_skipped_steps
        self._scale: Optional[float] = None
        self._skipped = 0

    def _fail(self, runner, batch_idx: int, what: str,
              outputs: Optional[Dict], data_batch: Optional[Dict]) -> None:
        terms = ', '.join(f'{k}={float(v):.6g}'
                          for k, v in (outputs or {}).items())
        raise NonFiniteTrainingError(
            f'{what} at epoch {runner.epoch + 1}, iteration {batch_idx + 1} '
            f'of the epoch (global iteration {runner.iter + 1}); loss '
            f'terms: {terms or "n/a"}; batch samples: '
            f'{batch_names(data_batch)}. Training stopped before saving '
            'this state; the checkpoints already written are untouched. '
            'Check these samples for extreme coordinates, or lower the '
            'learning rate.')

    def after_train_iter(self,
                         runner,
                         batch_idx: int,
                         data_batch: Optional[Dict] = None,
                         outputs: Optional[Dict] = None) -> None:
        """Check the loss terms, then the weights or the loss scale."""
        bad = non_finite_keys(outputs or {})
        if bad:
            self._fail(runner, batch_idx, f'non-finite loss {bad}', outputs,
                       data_batch)
        wrapper = runner.optim_wrapper
        if isinstance(wrapper, AmpOptimWrapper):
            self._check_scale(runner, batch_idx, wrapper, outputs, data_batch)
        elif self.check_weights:
            model = getattr(runner.model, 'module', runner.model)
            bad = non_finite_keys(dict(model.named_parameters()))
            if bad:
                self._fail(
                    runner, batch_idx,
                    f'non-finite gradient: weights {bad[:5]} became NaN/inf '
                    'in the update', outputs, data_batch)

    def _check_scale(self, runner, batch_idx: int, wrapper,
                     outputs: Optional[Dict],
                     data_batch: Optional[Dict]) -> None:
        scale = float(wrapper.loss_scaler.get_scale())
        skipped = self._scale is not None and scale < self._scale
        self._skipped = self._skipped + 1 if skipped else 0
        self._scale = scale
        if self._skipped >= self.max_skipped_steps:
            self._fail(
                runner, batch_idx,
                f'{self._skipped} consecutive mixed-precision steps skipped '
                f'for non-finite gradients (loss scale now {scale:.3g}): the '
                'dynamic loss scaler did not recover', outputs, data_batch)

    def before_save_checkpoint(self, runner, checkpoint: Dict) -> None:
        """Refuse to write weights holding NaN/inf."""
        bad = non_finite_keys(checkpoint.get('state_dict', {}))
        if bad:
            raise NonFiniteTrainingError(
                f'refusing to save a checkpoint at epoch {runner.epoch}: '
                f'weights {bad[:5]} hold NaN/inf (+{max(len(bad) - 5, 0)} '
                'more); the checkpoints already written are untouched')
