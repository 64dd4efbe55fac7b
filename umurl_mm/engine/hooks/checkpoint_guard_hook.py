import os.path as osp
import re
from typing import Dict

from mmaction.registry import HOOKS
from mmengine.hooks import Hook

from ...checkpoint.loading import mismatch_report
from ..checkpoints import checkpoint_number, numbered_checkpoints


@HOOKS.register_module()
class CheckpointGuardHook(Hook):
    """Keep checkpoints safe across runs and strict on loading.

    - ``before_train``: if the folder the ``CheckpointHook`` writes to
      already holds ``epoch_N.pth`` / ``iter_N.pth`` beyond the point this
      run starts from (a fresh run over an old one, or a resume from an
      older checkpoint than the newest), the run stops before any work,
      listing them: they were written by another run and would be
      overwritten.
    - ``after_load_checkpoint`` (``--resume``, ``load_from``): the
      checkpoint's weights must match the model key for key and shape for
      shape, else the run stops with the list of missing, unexpected and
      mis-shaped keys (mmengine alone only warns, then fails inside the
      optimiser).

    Args:
        strict (bool): Check loaded weights strictly. Defaults to True.
    """

    priority = 'VERY_HIGH'

    def __init__(self, strict: bool = True) -> None:
        self.strict = strict

    @staticmethod
    def _checkpoint_dir(runner) -> str:
        for hook in runner.hooks:
            if type(hook).__name__ == 'CheckpointHook':
                out_dir = getattr(hook, 'out_dir', None)
                if out_dir and out_dir != runner.work_dir:
                    return osp.join(out_dir, osp.basename(runner.work_dir))
        return runner.work_dir

    def before_train(self, runner) -> None:
        """Refuse to overwrite checkpoints another run wrote."""
        by_epoch = runner.train_loop.__class__.__name__ != 'IterBasedTrainLoop'
        start = runner.epoch if by_epoch else runner.iter
        prefix = 'epoch_' if by_epoch else 'iter_'
        folder = self._checkpoint_dir(runner)
        later = [
            osp.basename(p) for p in numbered_checkpoints(folder)
            if osp.basename(p).startswith(prefix) and
            checkpoint_number(p) > start
        ]
        if later:
            how = ('resumed at ' + ('epoch ' if by_epoch else 'iteration ') +
                   str(start)) if start else 'starting a new run'
            raise RuntimeError(
                f'{folder} already holds checkpoints of another run '
                f'{sorted(later, key=checkpoint_number)}, which this run '
                f'({how}) would overwrite. Use --resume to continue from '
                'the newest, or another --work-dir.')

    def after_load_checkpoint(self, runner, checkpoint: Dict) -> None:
        """Check the loaded weights against the model, strictly."""
        if not self.strict:
            return
        state = checkpoint.get('state_dict', checkpoint)
        state = {re.sub(r'^module\.', '', k): v for k, v in state.items()}
        model = getattr(runner.model, 'module', runner.model)
        report = mismatch_report(
            model.state_dict(), state, 'the checkpoint being loaded '
            '(--resume / load_from)', type(model).__name__)
        if report:
            raise ValueError(report)
