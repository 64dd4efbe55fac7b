from typing import List, Sequence, Tuple

import torch

MODALITIES = ('joint', 'bone', 'motion')


def check_modalities(modalities: Sequence[str]) -> Tuple[str, ...]:
    """Validate a modality subset and return it in canonical order.

    Args:
        modalities (Sequence[str]): Names among ``joint``, ``bone``,
            ``motion``.

    Returns:
        tuple[str]: The subset, ordered joint, bone, motion.
    """
    if isinstance(modalities, str):
        modalities = (modalities, )
    unknown = [m for m in modalities if m not in MODALITIES]
    if unknown:
        raise ValueError(f'unknown modality {unknown}; choose a non-empty '
                         f'subset of {MODALITIES}')
    if not modalities:
        raise ValueError('the modality subset is empty; choose a non-empty '
                         f'subset of {MODALITIES}')
    return tuple(m for m in MODALITIES if m in modalities)


def view_modalities(modalities: Sequence[str]) -> List[Tuple[str, ...]]:
    """The modality set fed by each pre-training view: one view per
    modality alone, then one with all of them fused. The number of views
    of the pipeline (``MultiView``) and of the model derive from this.

    Args:
        modalities (Sequence[str]): The chosen modalities.

    Returns:
        list[tuple[str]]: E.g. ``[('joint',), ('bone',), ('motion',),
        ('joint', 'bone', 'motion')]``.
    """
    modalities = check_modalities(modalities)
    return [(m, ) for m in modalities] + [modalities]


def to_modality(joint: torch.Tensor, modality: str,
                parents: torch.Tensor) -> torch.Tensor:
    """Compute one modality from joints, vectorised on the device.

    Args:
        joint (torch.Tensor): ``(N, M, T, V, C)`` joint coordinates.
        modality (str): ``joint``, ``bone`` or ``motion``.
        parents (torch.Tensor): ``(V,)`` long tensor, the start joint of
            each bone.

    Returns:
        torch.Tensor: ``(N, M, T, V, C)``.
    """
    if modality == 'joint':
        return joint
    if modality == 'bone':
        return joint - joint[..., parents, :]
    if modality == 'motion':
        motion = torch.zeros_like(joint)
        motion[:, :, :-1] = joint[:, :, 1:] - joint[:, :, :-1]
        return motion
    raise ValueError(f'unknown modality {modality!r}')
