from .umurl_loss import UmURLLoss, variance_covariance
from .usdrl_loss import USDRLLoss, barlow_twins

__all__ = ['UmURLLoss', 'USDRLLoss', 'barlow_twins', 'variance_covariance']
