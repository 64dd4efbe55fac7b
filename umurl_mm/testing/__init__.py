"""Generated data for the demo, the benchmarks and the tests (as
``mmdet.testing``): the deterministic synthetic skeleton action set, in 3D
and as 2D COCO-17 keypoints. Not part of the training pipeline."""
from .synthetic import CLASSES, make_synthetic_dataset
from .synthetic_2d import project_to_coco_2d

__all__ = ['CLASSES', 'make_synthetic_dataset', 'project_to_coco_2d']
