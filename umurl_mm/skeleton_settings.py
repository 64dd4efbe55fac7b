"""The skeleton, said once in a config.

A leaf config states what its data is in one top-level dict::

    skeleton = dict(layout='kinect_v1', num_person=1, clip_len=32)

and :func:`apply_skeleton` (which ``tools/train.py``, ``tools/test.py``,
the feature, export and benchmark tools call on every config they load)
writes each setting into every component of the config that takes it:

- ``layout``: the encoders (``UmURL``, ``DSTE``, ``STTR``,
  ``MAMPEncoder``), every ``UmURLPoseDataset`` (train, val, test, kNN
  gallery and query) and the normalisation transforms;
- ``num_person``: the same, and ``FormatGCNInput`` in every pipeline;
- ``clip_len``: the frames of the pre-training views
  (``UmURLViewPreprocessor``, ``MultiView``), of the evaluation input
  (``TemporalCropResize``) and the encoders' ``num_frames``;
- ``preprocess``: the preparation the data must have had
  (:data:`~umurl_mm.datasets.preprocessings.PREPROCESSINGS`: ``umurl``,
  ``mamp``, ...), checked by every ``UmURLPoseDataset`` against the one
  its file records. The method's dataset bases set it (UmURL and USDRL
  ``umurl``, MAMP ``mamp``); a leaf overrides it where its data differs
  (MAMP's NTU-120 ``mamp-ntu120``, PKU-MMD ``mamp-pku``).

A setting the dict leaves out is left as the bases have it (NTU RGB+D, two
persons, 64 frames). Code that builds a Runner from such a config itself
calls ``apply_skeleton(cfg)`` first (after any option overrides), as the
tools do. ``layout`` is a built-in name or the path of a layout JSON file
(:func:`~umurl_mm.datasets.layout.get_layout`), so configs only ever merge
strings.
"""
from typing import Any, Dict

from mmengine.config import Config, ConfigDict

#: which settings each component takes, by its registered type
TAKES: Dict[str, Dict[str, str]] = {
    'UmURL': dict(layout='layout', num_person='num_person',
                  clip_len='num_frames'),
    'DSTE': dict(layout='layout', num_person='num_person',
                 clip_len='num_frames'),
    'MAMPEncoder': dict(layout='layout', num_person='num_person',
                        clip_len='num_frames'),
    'STTR': dict(layout='layout', num_person='num_person',
                 clip_len='num_frames'),
    'UmURLPoseDataset': dict(layout='layout', num_person='num_person',
                             preprocess='preprocess'),
    'UmURLPreNormalize': dict(layout='layout', num_person='num_person'),
    'UmURLPreNormalize2D': dict(layout='layout', num_person='num_person'),
    'FormatGCNInput': dict(num_person='num_person'),
    'UmURLViewPreprocessor': dict(clip_len='clip_len'),
    'MultiView': dict(clip_len='clip_len'),
    'TemporalCropResize': dict(clip_len='clip_len'),
}
SETTINGS = ('layout', 'num_person', 'clip_len', 'preprocess')


def apply_skeleton(cfg: Config) -> Config:
    """Write the config's ``skeleton`` settings into every component that
    takes them (see the module's docstring); a config without
    ``skeleton`` is returned unchanged.

    Args:
        cfg (Config): The loaded config.

    Returns:
        Config: The same config, updated in place.
    """
    skeleton = cfg.get('skeleton')
    if skeleton is None:
        return cfg
    if not isinstance(skeleton, dict):
        raise TypeError(f'skeleton must be a dict of {SETTINGS}, got '
                        f'{skeleton!r}')
    unknown = sorted(set(skeleton) - set(SETTINGS))
    if unknown:
        raise ValueError(f'skeleton: unknown settings {unknown}; it takes '
                         f'{list(SETTINGS)}')
    if 'layout' in skeleton:
        from .datasets.layout import get_layout
        get_layout(skeleton['layout'])  # a clear error before any work
    if 'preprocess' in skeleton:
        from .datasets.preprocessings import get_preprocessing
        get_preprocessing(skeleton['preprocess'])
    for key, value in cfg.items():
        if key != 'skeleton':
            _apply(value, skeleton)
    return cfg


def _apply(node: Any, skeleton: dict) -> None:
    if isinstance(node, (dict, ConfigDict)):
        takes = TAKES.get(node.get('type')) if isinstance(
            node.get('type'), str) else None
        for setting, arg in (takes or {}).items():
            if setting in skeleton:
                node[arg] = skeleton[setting]
        for value in node.values():
            _apply(value, skeleton)
    elif isinstance(node, (list, tuple)):
        for value in node:
            _apply(value, skeleton)
