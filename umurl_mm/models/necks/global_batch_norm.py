import torch
import torch.distributed as dist
import torch.nn as nn

from ..utils.gather import all_gather_autograd
from ..utils.precision import full_precision


class GlobalBatchNorm1d(nn.BatchNorm1d):
    """``BatchNorm1d`` whose training statistics are those of the global
    batch across all ranks, on any backend (gloo included).

    Each rank computes its samples' count, mean and sum of squared
    deviations; one all-gather with gradient brings every rank's to every
    rank, which combines them exactly (Chan et al.'s pairwise formula:
    ``M2 = sum_r M2_r + sum_r n_r (mean_r - mean)^2``). Each rank
    normalising its own samples thus computes what one BatchNorm on the
    concatenated batch computes, forward and backward — SyncBatchNorm's
    result where torch's ``SyncBatchNorm`` needs CUDA — with one collective
    each way and no host copy. Outside a multi-rank process group, or in
    eval mode, it is a plain ``BatchNorm1d``; its state dict is
    ``BatchNorm1d``'s. Statistics and normalisation are computed in float32
    (float64 for float64 inputs) whatever the autocast state; the output
    has the input's dtype.
    """

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        with torch.autocast(x.device.type, enabled=False):
            return self._forward(full_precision(x)).to(x.dtype)

    def _forward(self, x: torch.Tensor) -> torch.Tensor:
        if not (self.training and dist.is_available()
                and dist.is_initialized() and dist.get_world_size() > 1):
            return super().forward(x)
        C = x.shape[1]
        local_mean = x.mean(0)
        local_m2 = (x - local_mean).pow(2).sum(0)
        count = torch.full((1, ), x.shape[0], dtype=x.dtype, device=x.device)
        stats = all_gather_autograd(
            torch.cat([local_mean, local_m2, count])[None])  # (world, 2C+1)
        means, m2s, counts = stats[:, :C], stats[:, C:2 * C], stats[:, 2 * C:]
        total = counts.sum()
        mean = (counts * means).sum(0) / total
        var = (m2s.sum(0) +
               (counts * (means - mean).pow(2)).sum(0)) / total  # biased
        if self.track_running_stats:
            with torch.no_grad():
                self.num_batches_tracked.add_(1)
                m = self.momentum if self.momentum is not None else \
                    1.0 / float(self.num_batches_tracked)
                unbiased = var * total / (total - 1).clamp(min=1)
                self.running_mean.lerp_(mean, m)
                self.running_var.lerp_(unbiased, m)
        out = (x - mean) * torch.rsqrt(var + self.eps)
        if self.affine:
            out = out * self.weight + self.bias
        return out
