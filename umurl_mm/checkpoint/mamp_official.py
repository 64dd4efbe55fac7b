"""Key mapping between official MAMP checkpoints and this plugin.

The official files are ``{'model': state_dict, 'optimizer', 'epoch',
'scaler', 'args'}`` with ``args`` an ``argparse.Namespace`` (read without
running code, :mod:`umurl_mm.fileio.safe_checkpoint`) and the un-wrapped
model's keys: the encoder's at the top level, the decoder's as
``mask_token`` / ``decoder_*``, a linear probe's as ``head.fc.{0,1}``, a
fine-tuned head's as ``head.{fc1,bn,fc2}``.
"""
import re
from typing import Dict

import torch

from .official import rename_keys

#: (official pattern, plugin replacement); applied after dropping
#: ``module.``.
_RULES = (
    (r'^((?:temp_embed|pos_embed)|(?:joints_embed|blocks|norm)\..+)$',
     lambda m: f'backbone.{m[1]}'),
    (r'^mask_token$', lambda m: 'decoder.mask_token'),
    (r'^decoder_(embed|temp_embed|pos_embed|blocks|norm|pred)(\..+)?$',
     lambda m: f'decoder.{m[1]}{m[2] or ""}'),
    (r'^head\.fc\.0\.(.+)$', lambda m: f'cls_head.bn.{m[1]}'),
    (r'^head\.fc\.1\.(.+)$', lambda m: f'cls_head.fc.{m[1]}'),
    (r'^head\.(fc1|bn|fc2)\.(.+)$', lambda m: f'cls_head.{m[1]}.{m[2]}'),
)


def is_mamp_official(state_dict: Dict[str, torch.Tensor]) -> bool:
    """Whether a state dict uses the official MAMP key layout."""
    return any(re.match(r'^(module\.)?joints_embed\.', k) for k in state_dict)


def convert_mamp_official_state_dict(
        state_dict: Dict[str, torch.Tensor],
        source: str = 'checkpoint') -> Dict[str, torch.Tensor]:
    """Rename an official MAMP state dict to this plugin's keys.

    Pre-training checkpoints give ``backbone.*`` and ``decoder.*`` of
    :class:`MAMPPretrainer`; linear-probe and fine-tuning ones
    ``backbone.*`` and ``cls_head.*`` of ``RecognizerGCN`` with
    :class:`MAMPLinearHead` / :class:`MAMPFinetuneHead`.

    Args:
        state_dict (dict): Official state dict.
        source (str): Name of the file, for error messages.

    Returns:
        dict: The renamed state dict.
    """
    return rename_keys(state_dict, _RULES, source, 'MAMP')
