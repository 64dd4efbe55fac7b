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
    return all_gather_autograd(x)


def all_gather_autograd(x: torch.Tensor) -> torch.Tensor:
    """All ranks' ``x`` concatenated along dim 0, differentiable (the
    backward sums each slice's gradients over ranks: a reduce-scatter).
    The shapes must be equal (unchecked).

    Args:
        x (torch.Tensor): Local tensor.

    Returns:
        torch.Tensor: ``(world_size * x.shape[0], ...)``.
    """
    from torch.distributed import _functional_collectives as fc
    gather = getattr(fc, 'all_gather_single_autograd', None)
    if gather is None:  # torch < 2.13
        gather = fc.all_gather_tensor_autograd
    return fc.wait_tensor(gather(x.contiguous(), 0, dist.group.WORLD))


def check_equal_shapes(x: torch.Tensor) -> None:
    """Raise a ``ValueError`` on every rank unless ``x`` has the same shape
    on all ranks (a gather of unequal shapes hangs with NCCL).

    The shapes are host values: they are gathered as CPU tensors, over a
    gloo group beside a GPU backend's, so the check never waits for the
    device's queue.

    Args:
        x (torch.Tensor): The local tensor (same number of dimensions on
            every rank).
    """
    group = _host_group()
    shape = torch.tensor(x.shape)
    shapes = [torch.empty_like(shape) for _ in range(dist.get_world_size())]
    dist.all_gather(shapes, shape, group=group)
    shapes = [tuple(s) for s in torch.stack(shapes).tolist()]
    if len(set(shapes)) > 1:
        raise ValueError(
            'gather_with_grad needs the same shape on every rank, got '
            f'{dict(enumerate(shapes))} (rank: shape); keep '
            'drop_last=True in the training data loader so that every rank '
            'gets full batches')


_HOST_GROUPS = {}


def _host_group():
    """A process group for CPU tensors: the default one if it is gloo,
    else a gloo group of all ranks (made once, collectively, on first
    use)."""
    default = dist.group.WORLD
    if dist.get_backend(default) == 'gloo':
        return default
    if default not in _HOST_GROUPS:
        _HOST_GROUPS[default] = dist.new_group(backend='gloo')
    return _HOST_GROUPS[default]
