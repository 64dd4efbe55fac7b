from typing import Dict, Union

from mmaction.registry import TRANSFORMS
from mmcv.transforms import BaseTransform

from ..layout import get_layout
from ..preprocess import normalize_2d


@TRANSFORMS.register_module()
class UmURLPreNormalize2D(BaseTransform):
    """UmURL's normalisation of 2D keypoints as MMAction2 stores them.

    Reads pixel ``keypoint`` ``(M, T, V, 2)``, ``keypoint_score`` ``(M, T,
    V)`` and ``img_shape``; keeps the ``num_person`` most active bodies,
    loop-pads them, centres every frame on the layout's centre of person 0
    and divides by half the longer image side (see :func:`normalize_2d`,
    which says why). With ``with_score`` the scores follow the bodies and
    ``FormatGCNInput`` appends them as a third channel (set the encoder's
    ``in_channels`` to 3); without, they are dropped. Use the same transform
    at pre-training and evaluation.

    Required Keys:

        - keypoint
        - img_shape
        - keypoint_score (with ``with_score``)

    Modified Keys:

        - keypoint
        - keypoint_score
        - total_frames

    Args:
        layout (str | dict): A 2D skeleton layout. Defaults to ``'coco'``.
        num_person (int): Number of bodies to keep. Defaults to 2.
        with_score (bool): Keep the keypoint scores as a channel. Defaults
            to True.
    """

    def __init__(self,
                 layout: Union[str, dict] = 'coco',
                 num_person: int = 2,
                 with_score: bool = True) -> None:
        self.layout = get_layout(layout)
        self.num_person = num_person
        self.with_score = with_score

    def transform(self, results: Dict) -> Dict:
        """Normalise ``results['keypoint']`` (and its scores).

        Args:
            results (dict): The result dict.

        Returns:
            dict: The result dict with normalised keypoints.
        """
        where = f"sample '{results.get('frame_dir', '?')}'"
        for key in ('img_shape', ) + (('keypoint_score', )
                                      if self.with_score else ()):
            if key not in results:
                raise ValueError(f"{where}: no '{key}' field (2D keypoints "
                                 'in pixels need it)')
        score = results.pop('keypoint_score', None)
        keypoint, score, num_frames = normalize_2d(
            results['keypoint'], score if self.with_score else None,
            results['img_shape'], self.layout, self.num_person, where)
        results['keypoint'] = keypoint
        if score is not None:
            results['keypoint_score'] = score
        results['total_frames'] = num_frames
        return results

    def __repr__(self) -> str:
        return (f'{self.__class__.__name__}(layout={self.layout.name!r}, '
                f'num_person={self.num_person}, '
                f'with_score={self.with_score})')
