from .loading import (UnreadableCheckpointError, load_encoder,
                      load_model_checkpoint, match_state_dict,
                      mismatch_report, read_state_dict)
from .mamp_official import convert_mamp_official_state_dict, is_mamp_official
from .official import convert_official_state_dict, is_official
from .pretrained_init import UmURLPretrainedInit
from .usdrl_official import (convert_usdrl_official_state_dict,
                             is_usdrl_official)

__all__ = [
    'UnreadableCheckpointError', 'load_encoder', 'load_model_checkpoint',
    'match_state_dict', 'mismatch_report', 'read_state_dict',
    'convert_official_state_dict', 'is_official', 'UmURLPretrainedInit',
    'convert_usdrl_official_state_dict', 'is_usdrl_official',
    'convert_mamp_official_state_dict', 'is_mamp_official'
]
