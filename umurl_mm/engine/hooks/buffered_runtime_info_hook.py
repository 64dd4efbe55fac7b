from typing import Dict, List, Optional

import torch
from mmaction.registry import HOOKS
from mmengine.hooks import RuntimeInfoHook


@HOOKS.register_module()
class BufferedRuntimeInfoHook(RuntimeInfoHook):
    """mmengine's ``RuntimeInfoHook``, reading the loss terms back from the
    device only when something reads them.

    ``RuntimeInfoHook`` puts every loss term into the message hub after
    every iteration, a host read (``.item()``) per term, which stalls the
    GPU's queue every iteration. This hook keeps the iteration's terms on
    the device and writes them to the message hub, all iterations in
    order, in one copy: before the logger prints (every ``interval``
    iterations of the ``LoggerHook``), at the end of every epoch, before a
    checkpoint by iteration is saved, at the end of training, and every
    ``max_pending`` iterations. The message hub, the logs and the
    checkpoints therefore hold exactly what ``RuntimeInfoHook`` would give
    them. Hooks that read ``train/`` scalars from the message hub between
    those points see them up to the last write.

    Args:
        max_pending (int): Write at the latest after this many iterations.
            Defaults to 100.
    """

    def __init__(self, max_pending: int = 100) -> None:
        self.max_pending = max_pending
        self._pending: List[Dict[str, torch.Tensor]] = []
        self._log_intervals: List[int] = []
        self._save_intervals: List[int] = []

    def before_train(self, runner) -> None:
        """Find out when the logger prints and checkpoints are saved."""
        super().before_train(runner)
        for hook in runner.hooks:
            name = type(hook).__name__
            if name == 'LoggerHook':
                self._log_intervals.append(hook.interval)
            elif name == 'CheckpointHook' and not hook.by_epoch and \
                    hook.interval > 0:
                self._save_intervals.append(hook.interval)

    def after_train_iter(self,
                         runner,
                         batch_idx: int,
                         data_batch: Optional[dict] = None,
                         outputs: Optional[dict] = None) -> None:
        """Keep the iteration's terms; write them when they are due."""
        if outputs is None:
            return
        self._pending.append({k: v.detach() if torch.is_tensor(v) else v
                              for k, v in outputs.items()})
        if self._due(runner, batch_idx):
            self.flush(runner)

    def _due(self, runner, batch_idx: int) -> bool:
        loader = getattr(runner, 'train_dataloader', None)
        return (len(self._pending) >= self.max_pending
                or any((batch_idx + 1) % i == 0 for i in self._log_intervals)
                or any((runner.iter + 1) % i == 0
                       for i in self._save_intervals)
                or runner.iter + 1 >= runner.max_iters
                or (loader is not None and batch_idx + 1 == len(loader)))

    def flush(self, runner) -> None:
        """Write the kept terms to the message hub (one host copy)."""
        pending, self._pending = self._pending, []
        tensors = [v.reshape(()) for outputs in pending
                   for v in outputs.values() if torch.is_tensor(v)]
        values = iter(torch.stack(tensors).cpu().tolist() if tensors else [])
        for outputs in pending:
            for key, value in outputs.items():
                if torch.is_tensor(value):
                    value = next(values)
                runner.message_hub.update_scalar(f'train/{key}', value)

    def after_train(self, runner) -> None:
        """Write what the last iterations left."""
        self.flush(runner)
        super().after_train(runner)
