import torch
import torch.distributed as dist


def gather_with_grad(x: torch.Tensor) -> torch.Tensor:
    """Concatenate ``x`` from all ranks along dim 0, keeping gradients.

    The backward pass sums, for each rank's slice, the gradients of all
    ranks; with DDP's gradient averaging this gives exactly the gradient of
    the loss on the global batch. Without an initialised process group
    ``x`` is returned as is.

    Args:
        x (torch.Tensor): Local tensor, same shape on every rank.

    Returns:
        torch.Tensor: ``(world_size * x.shape[0], ...)``.
    """
    if not (dist.is_available() and dist.is_initialized()):
        return x
    if dist.get_world_size() == 1:
        return x
    from torch.distributed import _functional_collectives as fc
    gather = getattr(fc, 'all_gather_single_autograd', None)
    if gather is None:  # torch < 2.13
        gather = fc.all_gather_tensor_autograd
    out = gather(x.contiguous(), 0, dist.group.WORLD)
    return fc.wait_tensor(out)
