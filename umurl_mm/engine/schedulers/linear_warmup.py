from mmaction.registry import PARAM_SCHEDULERS
from mmengine.optim import LinearLR


@PARAM_SCHEDULERS.register_module()
class LinearWarmupLR(LinearLR):
    """MAE's and MAMP's linear warm-up, as an mmengine scheduler.

    At step ``i`` of ``n = end - begin`` the learning rate is ``lr * (start
    + (end_factor - start) * i / n)`` (closed form); at step ``end`` it
    sets the peak, from which the next scheduler (a chainable cosine
    beginning at ``end``) continues. With ``convert_to_iter_based=True``
    that is ``lr * e / warmup_epochs`` per iteration, ``e = epoch + it /
    iters``, as the official code computes it. mmengine's ``LinearLR``
    reaches the peak one step early (at ``n - 1``) and cannot start at
    exactly 0.

    Under ``torch.compile`` Adam and AdamW take their capturable form,
    which divides by the step size: a learning rate of exactly 0 turns the
    weights with zero gradients (e.g. attention key biases) into NaN. With
    ``compile=True`` set ``start_factor=1e-8`` (the first update is then
    1e-8 of the peak's instead of none).

    Args:
        optimizer: The wrapped optimizer.
        start_factor (float): Factor at ``begin``. Defaults to 0.
        **kwargs: ``LinearLR``'s (``end_factor``, ``begin``, ``end``,
            ``by_epoch``, ...).
    """

    def __init__(self, optimizer, start_factor: float = 0., **kwargs):
        super().__init__(optimizer, start_factor=start_factor, **kwargs)
        self.total_iters = self.end - self.begin
        self.end += 1  # also the step that reaches the peak

    def _get_value(self):
        i = min(self.last_step - self.begin, self.total_iters)
        factor = self.start_factor + (
            self.end_factor - self.start_factor) * i / self.total_iters
        return [base * factor for base in self.base_values]
