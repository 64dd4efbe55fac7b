import os.path as osp
from typing import Dict, List, Optional, Tuple, Union

import numpy as np
from mmaction.datasets import PoseDataset
from mmaction.registry import DATASETS
from mmengine.logging import print_log

from ..fileio import UnsafeFileError, load_data_file
from .layout import get_layout
from .preprocess import check_img_shape
from .seeded_sampler import seeded_rng
from .skeleton import MAX_ABS_COORD, check_keypoint, check_keypoint_score
from .sources import missing_data_message

REQUIRED_FIELDS = ('frame_dir', 'label', 'keypoint', 'total_frames')


@DATASETS.register_module()
class UmURLPoseDataset(PoseDataset):
    """MMAction2 ``PoseDataset`` that validates every sample on load.

    The annotation file is MMAction2's skeleton ``.pkl``: a dict with
    ``split`` (split name -> list of ``frame_dir``) and ``annotations`` (a
    list of dicts with ``frame_dir``, ``label``, ``keypoint`` of shape
    ``(M, T, V, C)`` and ``total_frames``, the valid frame count). Anything
    malformed raises a ``ValueError`` naming the file, the sample and the
    field before any work is spent: a layout other than the config's
    (the one the file records, its joints and coordinates), a person count
    other than the config's ``num_person`` or a preparation other than
    its ``preprocess`` (where both are given),
    non-finite or implausibly large coordinates, a label that is not an
    integer in ``[0, num_classes)``, a split naming samples that have no
    annotation, an empty split.

    Indexed with ``(index, seed)`` (what :class:`SeededSampler` yields), it
    runs the pipeline with NumPy's and Python's RNGs seeded by ``seed`` (and
    the seed in the sample's ``aug_seed``), so a sample's augmentation
    depends only on ``(run seed, epoch, index)``.

    Args:
        ann_file (str): Path to the ``.pkl`` annotation file.
        pipeline (list[dict | callable]): Data transforms.
        split (str, optional): Split name, e.g. ``'xsub_train'``.
        num_classes (int, optional): If given, labels must lie in
            ``[0, num_classes)``.
        subset (str, optional): A tag copied into every sample's info as
            ``subset`` (e.g. ``'gallery'`` / ``'query'`` for retrieval).
        label_fraction (float, optional): Keep this fraction of every
            class (at least one sample each), drawn with ``label_seed``:
            the labelled subsets of semi-supervised evaluation.
        label_seed (int): Seed of the labelled subset. Defaults to 0.
        layout (str | dict): The config's skeleton layout
            (:func:`get_layout`): the joints ``V`` and coordinates ``C`` of
            every ``keypoint``. 2D data must also carry ``img_shape``.
            Defaults to ``'nturgb+d'`` (25 joints, 3D).
        with_score (bool): Samples must carry ``keypoint_score`` ``(M, T,
            V)`` (2D data fed with scores). Defaults to False.
        max_abs (float, optional): Largest plausible ``|coordinate|``;
            ``None`` disables the check. Defaults to 1e5.
        num_person (int, optional): Persons per sample the config expects;
            a file that records another count (the converters record
            theirs, with the layout) is refused. Defaults to None
            (unchecked).
        preprocess (str, optional): The preparation the config's method
            expects (a name of
            :data:`~umurl_mm.datasets.preprocessings.PREPROCESSINGS`); a
            file that records another is refused. Defaults to None
            (unchecked).
        **kwargs: Passed to :class:`PoseDataset`.
    """

    def __init__(self,
                 ann_file: str,
                 pipeline: List,
                 split: str = None,
                 num_classes: int = None,
                 subset: str = None,
                 label_fraction: float = None,
                 label_seed: int = 0,
                 layout: Union[str, dict] = 'nturgb+d',
                 with_score: bool = False,
                 max_abs: Optional[float] = MAX_ABS_COORD,
                 num_person: Optional[int] = None,
                 preprocess: Optional[str] = None,
                 **kwargs) -> None:
        if label_fraction is not None and not 0 < label_fraction <= 1:
            raise ValueError(f'label_fraction must be in (0, 1], got '
                             f'{label_fraction}')
        self.subset = subset
        self.label_fraction = label_fraction
        self.label_seed = label_seed
        self.layout = get_layout(layout)
        self.with_score = with_score
        self.max_abs = max_abs
        self.num_person = num_person
        self.preprocess = preprocess
        super().__init__(
            ann_file, pipeline, split=split, num_classes=num_classes,
            **kwargs)

    def load_data_list(self) -> List[Dict]:
        """Load and validate the annotations of the chosen split."""
        path = self.ann_file
        if not osp.exists(path):
            raise FileNotFoundError(missing_data_message(path))
        try:
            data = load_data_file(path)
        except UnsafeFileError:
            raise
        except Exception as e:  # truncated pickle, wrong format, ...
            raise ValueError(f'{path}: cannot read annotation file '
                             f'({type(e).__name__}: {e})') from e
        if isinstance(data, dict):
            if 'annotations' not in data:
                raise ValueError(f"{path}: no 'annotations' field (keys: "
                                 f'{sorted(data)})')
            self._check_recorded_skeleton(path, data)
            annos = data['annotations']
            if self.split is not None:
                splits = data.get('split')
                if not isinstance(splits, dict) or self.split not in splits:
                    have = sorted(splits) if isinstance(splits, dict) else []
                    raise ValueError(f"{path}: split '{self.split}' not "
                                     f'found (available: {have})')
                annos = self._select_split(path, annos, splits[self.split])
        elif isinstance(data, list):
            if self.split is not None:
                raise ValueError(f"{path}: split '{self.split}' requested "
                                 'but the file is a plain list of samples')
            annos = data
        else:
            raise ValueError(f'{path}: expected a dict or list, got '
                             f'{type(data).__name__}')
        for i, anno in enumerate(annos):
            self._check_sample(path, i, anno)
            if self.subset is not None:
                anno['subset'] = self.subset
        if not annos:
            raise ValueError(f'{path}: no samples in split {self.split!r}')
        return annos

    def _check_recorded_skeleton(self, path: str, data: Dict) -> None:
        """A file that records its layout, person count or preparation
        (the converters write them) must match the config's."""
        layout = data.get('layout')
        if layout is not None and layout != self.layout.name:
            raise ValueError(
                f"{path}: the file holds '{layout}' skeletons but the config "
                f"reads them as '{self.layout.name}' ({self.layout.num_joints}"
                f' joints): set the layout to {layout!r} in the config')
        persons = data.get('num_person')
        if persons is not None and self.num_person is not None and \
                persons != self.num_person:
            raise ValueError(
                f'{path}: the file holds {persons} person(s) per sample but '
                f'the config expects num_person={self.num_person}')
        prepared = data.get('preprocess')
        if prepared is not None and self.preprocess is not None and \
                prepared != self.preprocess:
            raise ValueError(
                f"{path}: the file holds data prepared with '{prepared}' "
                f"but the config expects '{self.preprocess}': convert the "
                f'raw data with --preprocess {self.preprocess}')

    def filter_data(self) -> List[Dict]:
        """Keep the class-balanced labelled subset if ``label_fraction`` is
        set (semi-supervised protocols), else every sample."""
        if self.label_fraction is None:
            return self.data_list
        return self._balanced_subset(self.data_list)

    def _select_split(self, path: str, annos: List,
                      names: List[str]) -> List:
        """The annotations of ``names``; every name must have one."""
        have = {a.get('frame_dir') for a in annos if isinstance(a, dict)}
        lost = [n for n in names if n not in have]
        if lost:
            more = f' (+{len(lost) - 5} more)' if len(lost) > 5 else ''
            raise ValueError(
                f"{path}: split '{self.split}' names {len(lost)} of "
                f'{len(names)} samples that have no annotation: '
                f'{lost[:5]}{more}')
        names = set(names)
        return [a for a in annos if a.get('frame_dir') in names]

    def __getitem__(self, idx: Union[int, Tuple[int, int]]) -> Dict:
        """Get a sample; ``(index, seed)`` seeds its augmentation.

        Args:
            idx (int | tuple[int, int]): An index, or an index with the
                sample's seed (from :class:`SeededSampler`).

        Returns:
            dict: The pipeline's output.
        """
        if not isinstance(idx, tuple):
            return super().__getitem__(idx)
        idx, seed = idx
        self._aug_seed = seed
        try:
            with seeded_rng(seed):
                return super().__getitem__(idx)
        finally:
            self._aug_seed = None

    def get_data_info(self, idx: int) -> Dict:
        """The sample's annotation, with ``aug_seed`` while it is fetched
        with a seed (for device-side views, ``UmURLViewPreprocessor``)."""
        info = super().get_data_info(idx)
        if getattr(self, '_aug_seed', None) is not None:
            info['aug_seed'] = int(self._aug_seed)
        return info

    def _balanced_subset(self, annos: List[Dict]) -> List[Dict]:
        """Class-balanced random subset of ``label_fraction``."""
        rng = np.random.default_rng(self.label_seed)
        labels = np.array([int(a['label']) for a in annos])
        keep = []
        for label in np.unique(labels):
            index = np.flatnonzero(labels == label)
            num = max(1, int(round(len(index) * self.label_fraction)))
            keep.append(rng.choice(index, num, replace=False))
        kept = np.sort(np.concatenate(keep))
        print_log(
            f'{self.ann_file} [{self.split}]: labelled subset of '
            f'{len(kept)} of {len(annos)} samples (label_fraction='
            f'{self.label_fraction}, label_seed={self.label_seed}, '
            f'{len(keep)} classes)', logger='current')
        return [annos[i] for i in kept]

    @staticmethod
    def _check_score(anno: Dict, where: str) -> None:
        score = anno.get('keypoint_score')
        if score is None:
            raise ValueError(f"{where} 'keypoint_score': missing (the "
                             'config feeds keypoint scores: with_score=True)')
        check_keypoint_score(score, anno['keypoint'].shape[:3],
                             f"{where} 'keypoint_score'")

    def _check_sample(self, path: str, index: int, anno: Dict) -> None:
        if not isinstance(anno, dict):
            raise ValueError(f'{path}: sample {index} is a '
                             f'{type(anno).__name__}, not a dict')
        name = anno.get('frame_dir', '?')
        for field in REQUIRED_FIELDS:
            if field not in anno:
                raise ValueError(f"{path}: sample {index} ('{name}'): "
                                 f"missing field '{field}'")
        where = f"{path}: sample {index} ('{name}'), field"
        check_keypoint(anno['keypoint'], f"{where} 'keypoint'",
                       num_coords=self.layout.num_coords,
                       num_joints=self.layout.num_joints,
                       max_abs=self.max_abs, layout=self.layout.name)
        if self.with_score:
            self._check_score(anno, where)
        if self.layout.num_coords == 2:
            if 'img_shape' not in anno:
                raise ValueError(f"{where} 'img_shape': missing (2D "
                                 'keypoints in pixels need the frame size)')
            check_img_shape(anno['img_shape'], f"{where} 'img_shape'")
        frames, length = anno['total_frames'], anno['keypoint'].shape[1]
        if int(frames) != frames or not 1 <= frames <= length:
            raise ValueError(f"{where} 'total_frames': {frames} is not a "
                             f'frame count in [1, {length}]')
        label = anno['label']
        if isinstance(label, (bool, np.bool_)) or not isinstance(
                label, (int, np.integer)):
            raise ValueError(f"{where} 'label': {label!r} "
                             f'({type(label).__name__}) is not an integer '
                             'class index')
        if label < 0 or (
                self.num_classes is not None and label >= self.num_classes):
            raise ValueError(f"{where} 'label': {label} is outside "
                             f'[0, {self.num_classes})')
