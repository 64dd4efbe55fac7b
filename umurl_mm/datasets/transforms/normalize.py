from typing import Dict

from mmaction.registry import TRANSFORMS
from mmcv.transforms import BaseTransform

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
    """

    def __init__(self, num_person: int = 2) -> None:
        self.num_person = num_person

    def transform(self, results: Dict) -> Dict:
        """Normalise ``results['keypoint']``.

        Args:
            results (dict): The result dict.

        Returns:
            dict: The result dict with normalised keypoints.
        """
        where = f"sample '{results.get('frame_dir', '?')}', field 'keypoint'"
        keypoint, num_frames = umurl_normalize(results['keypoint'],
                                               self.num_person, where)
        results['keypoint'] = keypoint
        results['total_frames'] = num_frames
        return results

    def __repr__(self) -> str:
        return f'{self.__class__.__name__}(num_person={self.num_person})'
