"""Key mapping between official USDRL checkpoints (DSTE and STTR) and this
plugin."""
import re
from typing import Dict

import torch

from .official import rename_keys

_STREAM = {'t': 'temporal', 's': 'spatial'}
_GRANULARITY = {'t': 'temporal', 's': 'spatial', 'i': 'instance'}

#: (official pattern, plugin replacement); applied after dropping
#: ``module.``.
_RULES = (
    (r'^backbone\.ske_emb\.([ts])_embedding\.(\d+\.(?:weight|bias))$',
     lambda m: f'backbone.embed.{_STREAM[m[1]]}.{m[2]}'),
    (r'^backbone\.tpe\.pe$', lambda m: 'backbone.pos_embed'),
    (r'^backbone\.spe$', lambda m: 'backbone.spatial_pos'),
    # DSTE: two DST layers per stream, t_tr and t_tr1
    (r'^backbone\.([ts])_tr(1?)\.((?:CA|DSA)\..+)$',
     lambda m: f'backbone.{_STREAM[m[1]]}_layers.{1 if m[2] else 0}.'
     f'{m[3]}'),
    # STTR: one Transformer encoder per stream
    (r'^backbone\.([ts])_tr\.(layers\..+)$',
     lambda m: f'backbone.{_STREAM[m[1]]}_layers.{m[2]}'),
    (r'^([tsi])_proj\.(\d+\..+)$',
     lambda m: f'projectors.{_GRANULARITY[m[1]]}.{m[2]}'),
    (r'^fc\.(weight|bias)$', lambda m: f'cls_head.fc.{m[1]}'),
)


def is_usdrl_official(state_dict: Dict[str, torch.Tensor]) -> bool:
    """Whether a state dict uses the official USDRL key layout."""
    return any(re.match(r'^(module\.)?backbone\.ske_emb\.', k)
               for k in state_dict)


def convert_usdrl_official_state_dict(
        state_dict: Dict[str, torch.Tensor],
        source: str = 'checkpoint') -> Dict[str, torch.Tensor]:
    """Rename an official USDRL state dict to this plugin's keys.

    Pre-training checkpoints give ``backbone.*`` and ``projectors.*`` of
    :class:`USDRLPretrainer` (with a :class:`DSTE` or :class:`STTR`
    backbone); a linear head ``fc.*`` becomes ``cls_head.fc.*`` of
    ``RecognizerGCN``.

    Args:
        state_dict (dict): Official state dict (``module.`` prefixes are
            dropped).
        source (str): Name of the file, for error messages.

    Returns:
        dict: The renamed state dict.
    """
    return rename_keys(state_dict, _RULES, source, 'USDRL')
