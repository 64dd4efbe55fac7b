from .features import extract_features, init_encoder, load_split

__all__ = ['extract_features', 'init_encoder', 'load_split']
