from .features import extract_features, init_encoder

__all__ = ['extract_features', 'init_encoder']
