from typing import Dict, Optional

import torch
import torch.nn as nn
from mmengine.runner import CheckpointLoader, load_state_dict

from ..fileio import UnsafeFileError
from .mamp_official import convert_mamp_official_state_dict, is_mamp_official
from .official import convert_official_state_dict, is_official
from .usdrl_official import (convert_usdrl_official_state_dict,
                             is_usdrl_official)


class UnreadableCheckpointError(ValueError):
    """The file is there but is not a readable checkpoint (truncated, not
    a checkpoint at all)."""


def load_checkpoint_file(path: str) -> dict:
    """Read a checkpoint on the CPU with mmengine's ``CheckpointLoader``
    (local files: :func:`umurl_mm.fileio.load_checkpoint`, which runs no
    code from the file).

    Args:
        path (str): Local path or any URI ``CheckpointLoader`` knows.

    Returns:
        dict: The checkpoint.

    Raises:
        ValueError: The file could not be read (missing, no permission, an
            I/O error), naming it; :class:`UnreadableCheckpointError` (a
            ``ValueError`` too) if it was read but is no checkpoint;
            :class:`UnsafeFileError` (also) if it needs a global outside
            the allowlist.
    """
    try:
        return CheckpointLoader.load_checkpoint(path, map_location='cpu')
    except UnsafeFileError:
        raise
    except OSError as e:  # the file system's answer, not the file's content
        raise ValueError(f'{path}: cannot read the file '
                         f'({type(e).__name__}: {e})') from e
    except Exception as e:  # truncated, not a checkpoint
        raise UnreadableCheckpointError(
            f'{path}: unreadable checkpoint ({type(e).__name__}: {e})') from e


def read_state_dict(path: str) -> Dict[str, torch.Tensor]:
    """Read a plugin or official checkpoint as plugin-named weights.

    Args:
        path (str): A checkpoint file: mmengine's (``state_dict`` + meta),
            an official UmURL/USDRL one (``module.``-prefixed
            ``state_dict``), an official MAMP one (``model``), or a bare
            state dict.

    Returns:
        dict: Weights with this plugin's key names.
    """
    ckpt = load_checkpoint_file(path)
    state = None
    if isinstance(ckpt, dict):
        state = ckpt.get('state_dict', ckpt.get('model', ckpt))
    if not isinstance(state, dict) or not all(
            isinstance(v, torch.Tensor) for v in state.values()):
        raise ValueError(f'{path}: no state dict of tensors found')
    if is_mamp_official(state):
        state = convert_mamp_official_state_dict(state, path)
    elif is_usdrl_official(state):
        state = convert_usdrl_official_state_dict(state, path)
    elif is_official(state):
        state = convert_official_state_dict(state, path)
    return state


def mismatch_report(own: Dict[str, torch.Tensor],
                    state: Dict[str, torch.Tensor], source: str,
                    target: str) -> Optional[str]:
    """Describe how ``state`` fails to match ``own`` key for key.

    Args:
        own (dict): The model's state dict (or any tensors with shapes).
        state (dict): The checkpoint's weights.
        source (str): Where the weights come from.
        target (str): What they should fit, e.g. the model's class name.

    Returns:
        str | None: A multi-line message listing missing, unexpected and
        mis-shaped keys, or ``None`` if the two match.
    """
    missing = sorted(set(own) - set(state))
    unexpected = sorted(set(state) - set(own))
    shapes = [
        f'{k}: checkpoint {tuple(state[k].shape)} vs model '
        f'{tuple(own[k].shape)}' for k in sorted(set(own) & set(state))
        if state[k].shape != own[k].shape
    ]
    if not (missing or unexpected or shapes):
        return None
    lines = [f'{source} does not match {target}:']
    for title, items in (('missing keys', missing),
                         ('unexpected keys', unexpected),
                         ('shape mismatches', shapes)):
        if items:
            more = f' ... (+{len(items) - 8} more)' if len(items) > 8 else ''
            lines.append(f'  {title}: {items[:8]}{more}')
    return '\n'.join(lines)


def match_state_dict(module: nn.Module, state: Dict[str, torch.Tensor],
                     source: str) -> None:
    """Load ``state`` into ``module`` strictly, with a readable error.

    Args:
        module (nn.Module): Target module.
        state (dict): Weights keyed like ``module.state_dict()``.
        source (str): Where the weights come from, for error messages.
    """
    report = mismatch_report(module.state_dict(), state, source,
                             type(module).__name__)
    if report:
        raise ValueError(report)
    load_state_dict(module, state, strict=True)


def load_encoder(encoder: nn.Module, path: str,
                 prefix: str = 'backbone.') -> None:
    """Load encoder weights strictly from a checkpoint file.

    Args:
        encoder (nn.Module): The :class:`UmURL` encoder.
        path (str): Plugin, official or bare checkpoint.
        prefix (str): Prefix of the encoder's keys in the checkpoint;
            keys without it are ignored. Use ``''`` for a bare encoder
            state dict.
    """
    state = read_state_dict(path)
    if prefix:
        state = {
            k[len(prefix):]: v
            for k, v in state.items() if k.startswith(prefix)
        }
        if not state:
            raise ValueError(f'{path}: no key starts with {prefix!r}; is it '
                             'a UmURL checkpoint?')
    match_state_dict(encoder, state, f'{path} (prefix {prefix!r})')


def load_model_checkpoint(model: nn.Module, path: str) -> None:
    """Load a whole model strictly, by top-level groups, for testing.

    Groups (``backbone``, ``cls_head``, ``projectors``, ...) that the
    checkpoint has but the model lacks are ignored, so a pre-training
    checkpoint serves a retrieval model and a linear-evaluation checkpoint
    a feature extractor. Every other key must match in name and shape. A
    model group the checkpoint lacks is an error, unless the model lists it
    in ``optional_checkpoint_groups`` (the projectors, for retrieval).

    Args:
        model (nn.Module): The (unwrapped) model.
        path (str): Plugin or official checkpoint.
    """

    def group(key):
        return key.split('.')[0]

    state = read_state_dict(path)
    own = {k for k in model.state_dict() if group(k) != 'data_preprocessor'}
    optional = set(getattr(model, 'optional_checkpoint_groups', ()))
    have = {group(k) for k in state}
    groups = {group(k) for k in own if group(k) in have or
              group(k) not in optional}
    state = {k: v for k, v in state.items() if group(k) in groups}
    missing = sorted({group(k) for k in own} - have - optional)
    if missing:
        raise ValueError(f'{path} has no weights for {missing} of '
                         f'{type(model).__name__}; is it a checkpoint of '
                         'this kind of model?')
    sub = nn.Module()
    for name in groups:
        sub.add_module(name, getattr(model, name))
    match_state_dict(sub, state, path)
