from mmaction.registry import WEIGHT_INITIALIZERS
from mmengine.logging import print_log
from mmengine.model.weight_init import BaseInit, update_init_info

from .loading import load_encoder


@WEIGHT_INITIALIZERS.register_module(name='UmURLPretrained')
class UmURLPretrainedInit(BaseInit):
    """Initialise a :class:`UmURL` encoder strictly from a checkpoint.

    ``init_cfg=dict(type='UmURLPretrained', checkpoint=PATH)`` reads a
    plugin pre-training checkpoint (``backbone.*``), an official UmURL
    checkpoint (``module.backbone.*``, converted on the fly) or, with
    ``prefix=''``, a bare encoder state dict. Unlike mmengine's
    ``Pretrained`` (kept as it is), any missing, unexpected or mis-shaped
    key is a ``ValueError`` listing them.

    Args:
        checkpoint (str): The checkpoint file.
        prefix (str): Prefix of the encoder's keys in the checkpoint.
            Defaults to ``'backbone.'``.
    """

    def __init__(self, checkpoint: str, prefix: str = 'backbone.') -> None:
        super().__init__()
        self.checkpoint = checkpoint
        self.prefix = prefix

    def __call__(self, module) -> None:
        load_encoder(module, self.checkpoint, self.prefix)
        # the source once per model; mmengine's per-parameter listing of
        # the log file names only the initialiser
        print_log(self._get_init_info(), logger='current')
        if hasattr(module, '_params_init_info'):
            update_init_info(module, init_info=self.__class__.__name__)

    def _get_init_info(self) -> str:
        return (f'{self.__class__.__name__}: strictly loaded from '
                f'{self.checkpoint} (prefix {self.prefix!r})')
