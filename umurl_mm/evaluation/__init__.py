from .knn_metric import KNNRetrievalMetric
from .labels import sample_label, sample_scores
from .late_fusion import late_fusion

__all__ = ['KNNRetrievalMetric', 'late_fusion', 'sample_label',
           'sample_scores']
