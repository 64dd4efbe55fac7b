"""Key mapping between official UmURL checkpoints and this plugin."""
import re
from typing import Dict

import torch

_MODALITY = {'j': 'joint', 'b': 'bone', 'm': 'motion'}
_STREAM = {'t': 'temporal', 's': 'spatial'}

#: (official pattern, plugin replacement); applied after dropping
#: ``module.``.
_RULES = (
    (r'^backbone\.([jbm])_emb\.([ts])_embedding\.(\d+)\.(weight|bias)$',
     lambda m: f'backbone.embeddings.{_MODALITY[m[1]]}.{_STREAM[m[2]]}.'
     f'{m[3]}.{m[4]}'),
    (r'^backbone\.mm_fusion\.([ts])_fusion\.0\.weight$',
     lambda m: f'backbone.fusion.{_STREAM[m[1]]}.weight'),
    (r'^backbone\.ma_encoder\.pe\.pe$', lambda m: 'backbone.pos_embed'),
    (r'^backbone\.ma_encoder\.([ts])_tr\.(layers\..+)$',
     lambda m: f'backbone.{_STREAM[m[1]]}_encoder.{m[2]}'),
    (r'^([jbm])_projector\.(\d+\..+)$',
     lambda m: f'projectors.{_MODALITY[m[1]]}.{m[2]}'),
    (r'^fc\.(weight|bias)$', lambda m: f'cls_head.fc.{m[1]}'),
)


def is_official(state_dict: Dict[str, torch.Tensor]) -> bool:
    """Whether a state dict uses the official UmURL key layout."""
    return any(
        k.startswith('module.') or re.match(r'^backbone\.[jbm]_emb\.', k)
        for k in state_dict)


def convert_official_state_dict(
        state_dict: Dict[str, torch.Tensor],
        source: str = 'checkpoint') -> Dict[str, torch.Tensor]:
    """Rename an official UmURL state dict to this plugin's keys.

    Pre-training checkpoints give ``backbone.*`` and ``projectors.*`` of
    :class:`UmURLPretrainer`; linear-evaluation checkpoints give
    ``backbone.*`` and ``cls_head.fc.*`` of ``RecognizerGCN`` + ``GCNHead``.

    Args:
        state_dict (dict): Official state dict (``module.`` prefixes are
            dropped).
        source (str): Name of the file, for error messages.

    Returns:
        dict: The renamed state dict.
    """
    return rename_keys(state_dict, _RULES, source, 'UmURL')


def rename_keys(state_dict: Dict[str, torch.Tensor], rules, source: str,
                method: str) -> Dict[str, torch.Tensor]:
    """Rename every key of an official state dict by the first matching
    ``(pattern, replacement)`` rule, after dropping ``module.``; a key no
    rule matches is an error naming the file and the key."""
    out = {}
    for key, value in state_dict.items():
        name = key[len('module.'):] if key.startswith('module.') else key
        for pattern, repl in rules:
            match = re.match(pattern, name)
            if match:
                out[repl(match)] = value
                break
        else:
            raise ValueError(f'{source}: key {key!r} is not part of an '
                             f'official {method} checkpoint')
    return out
