import torch
import torch.distributed as dist


def gather_with_grad(x: torch.Tensor) -> torch.Tensor:
    """Concatenate ``x`` from all ranks along dim 0, keeping gradients.

    The backward pass sums, for each rank's slice, the gradients of all
    ranks; with DDP's gradient averaging this gives exactly the gradient of
    the loss on the global batch. Without an initialised process group
    ``x`` is returned as is.

    Args:
        x (torch.Tensor): Local tensor, same shape on every rank (checked:
            :func:`check_equal_shapes`).

    Returns:
        torch.Tensor: ``(world_size * x.shape[0], ...)``.
    """
    if not (dist.is_available() and dist.is_initialized()):
        return x
    if dist.get_world_size() == 1:
        return x
    check_equal_shapes(x)
    from torch.distributed import _functional_collectives as fc
    gather = getattr(fc, 'all_gather_single_autograd', None)
    if gather is None:  # torch < 2.13
        gather = fc.all_gather_tensor_autograd
    out = gather(x.contiguous(), 0, dist.group.WORLD)
    return fc.wait_tensor(out)


def check_equal_shapes(x: torch.Tensor) -> None:
    """Raise a ``ValueError`` on every rank unless ``x`` has the same shape
    on all ranks (a gather of unequal shapes hangs with NCCL). One small
    all-gather and one host read.

    Args:
        x (torch.Tensor): The local tensor (same number of dimensions on
            every rank).
    """
    shape = torch.tensor(x.shape, device=x.device)
    shapes = [torch.empty_like(shape) for _ in range(dist.get_world_size())]
    dist.all_gather(shapes, shape)
    shapes = [tuple(s) for s in torch.stack(shapes).tolist()]
    if len(set(shapes)) > 1:
        raise ValueError(
            'gather_with_grad needs the same shape on every rank, got '
            f'{dict(enumerate(shapes))} (rank: shape); keep '
            'drop_last=True in the training data loader so that every rank '
            'gets full batches')
