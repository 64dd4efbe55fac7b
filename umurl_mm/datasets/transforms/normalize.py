from typing import Dict, Union

from mmaction.registry import TRANSFORMS
from mmcv.transforms import BaseTransform

from ..layout import NTU_LAYOUT, get_layout
from ..preprocess import umurl_normalize


@TRANSFORMS.register_module()
class UmURLPreNormalize(BaseTransform):
    """UmURL's sequence normalisation as a pipeline transform.

    Keeps the ``num_person`` most active bodies, loop-pads them, centres
    every frame on the mid-spine of person 0 and rotates the shoulders of
    person 0 in frame 0 onto +x (see :func:`umurl_normalize`). It is a no-op
    on data already normalised by the project's data tools, so it is only
    needed for pose files written by other tools (e.g. MMAction2's raw
    ``ntu60_3d.pkl``).

    Required Keys:

        - keypoint
        - frame_dir (optional, used in error messages)

    Modified Keys:

        - keypoint
        - total_frames

    Args:
        num_person (int): Number of bodies to keep. Defaults to 2.
        layout (str | dict): A 3D skeleton layout. Defaults to NTU RGB+D.
    """

    def __init__(self,
                 num_person: int = 2,
                 layout: Union[str, dict] = NTU_LAYOUT) -> None:
        self.num_person = num_person
        self.layout = get_layout(layout)

    def transform(self, results: Dict) -> Dict:
        """Normalise ``results['keypoint']``.

        Args:
            results (dict): The result dict.

        Returns:
            dict: The result dict with normalised keypoints.
        """
        where = f"sample '{results.get('frame_dir', '?')}', field 'keypoint'"
        keypoint, num_frames = umurl_normalize(results['keypoint'],
                                               self.num_person, where,
                                               self.layout)
        results['keypoint'] = keypoint
        results['total_frames'] = num_frames
        return results

    def __repr__(self) -> str:
        layout = ('' if self.layout.name == NTU_LAYOUT else
                  f', layout={self.layout.name!r}')
        return (f'{self.__class__.__name__}(num_person={self.num_person}'
                f'{layout})')
