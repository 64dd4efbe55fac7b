"""The sequence preparations the converters apply, by name.

- ``umurl``: UmURL's normalisation (UmURL, USDRL): per-frame centring on
  the spine, shoulders onto +x (:func:`umurl_normalize`);
- ``mamp``: MAMP's NTU-60 preparation, translation by the first frame's
  centre only, a single person's partner zero (:func:`mamp_translate`);
- ``mamp-ntu120``: the same with a single person duplicated;
- ``mamp-pku``: MAMP's PKU-MMD preparation, camera coordinates kept.

Converters record the name in the file's ``preprocess`` field.
"""
from functools import partial
from typing import Callable, Dict

from .mamp_preprocess import mamp_translate
from .preprocess import umurl_normalize

PREPROCESSINGS: Dict[str, Callable] = {
    'umurl': umurl_normalize,
    'mamp': mamp_translate,
    'mamp-ntu120': partial(mamp_translate, duplicate_single=True),
    'mamp-pku': partial(mamp_translate, translate=False),
}


def get_preprocessing(name: str) -> Callable:
    """The preparation ``name``, or a ``ValueError`` listing them."""
    if name not in PREPROCESSINGS:
        raise ValueError(f'preprocess must be one of {sorted(PREPROCESSINGS)}'
                         f', got {name!r}')
    return PREPROCESSINGS[name]
