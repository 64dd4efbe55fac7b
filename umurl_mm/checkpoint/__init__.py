from .loading import (UnreadableCheckpointError, load_encoder,
                      load_model_checkpoint, match_state_dict,
                      mismatch_report, read_state_dict)
from .official import convert_official_state_dict, is_official
from .pretrained_init import UmURLPretrainedInit

__all__ = [
    'UnreadableCheckpointError', 'load_encoder', 'load_model_checkpoint',
    'match_state_dict', 'mismatch_report', 'read_state_dict',
    'convert_official_state_dict', 'is_official', 'UmURLPretrainedInit'
]
