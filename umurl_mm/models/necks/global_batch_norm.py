import torch
import torch.distributed as dist
import torch.nn as nn


class _AllReduceSum(torch.autograd.Function):
    """Sum over ranks; the backward sums the gradients over ranks too.
    Synchronous ``dist.all_reduce`` (no asynchronous work outlives the
    call)."""

    @staticmethod
    def forward(ctx, x: torch.Tensor) -> torch.Tensor:
        x = x.clone(memory_format=torch.contiguous_format)
        dist.all_reduce(x)
        return x

    @staticmethod
    def backward(ctx, grad: torch.Tensor) -> torch.Tensor:
        grad = grad.clone(memory_format=torch.contiguous_format)
        dist.all_reduce(grad)
        return grad


def _all_reduce(x: torch.Tensor) -> torch.Tensor:
    """Sum over ranks, differentiable."""
    return _AllReduceSum.apply(x)


class GlobalBatchNorm1d(nn.BatchNorm1d):
    """``BatchNorm1d`` whose training statistics are those of the global
    batch across all ranks, on any backend (gloo included).

    Mean and variance are all-reduced with gradient (two passes: the mean,
    then the centred squares), so each rank normalising its own samples
    computes what one BatchNorm on the concatenated batch computes, forward
    and backward — SyncBatchNorm's result where torch's ``SyncBatchNorm``
    needs CUDA. Outside a multi-rank process group, or in eval mode, it is a
    plain ``BatchNorm1d``; its state dict is ``BatchNorm1d``'s. Statistics
    and normalisation are computed in float32 whatever the autocast state;
    the output has the input's dtype.
    """

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        with torch.autocast(x.device.type, enabled=False):
            return self._forward(x.float()).to(x.dtype)

    def _forward(self, x: torch.Tensor) -> torch.Tensor:
        if not (self.training and dist.is_available()
                and dist.is_initialized() and dist.get_world_size() > 1):
            return super().forward(x)
        count = torch.tensor([float(x.shape[0])], device=x.device)
        dist.all_reduce(count)
        mean = _all_reduce(x.sum(0)) / count
        centred = x - mean
        var = _all_reduce(centred.pow(2).sum(0)) / count  # biased
        if self.track_running_stats:
            with torch.no_grad():
                self.num_batches_tracked.add_(1)
                m = self.momentum if self.momentum is not None else \
                    1.0 / float(self.num_batches_tracked)
                unbiased = var * count / (count - 1).clamp(min=1)
                self.running_mean.lerp_(mean, m)
                self.running_var.lerp_(unbiased, m)
        out = centred * torch.rsqrt(var + self.eps)
        if self.affine:
            out = out * self.weight + self.bias
        return out
