from .view_preprocessor import UmURLViewPreprocessor

__all__ = ['UmURLViewPreprocessor']
