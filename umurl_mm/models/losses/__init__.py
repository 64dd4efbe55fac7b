from .umurl_loss import UmURLLoss, variance_covariance

__all__ = ['UmURLLoss', 'variance_covariance']
