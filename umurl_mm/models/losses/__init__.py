from .mamp_loss import MAMPLoss, regression_target
from .umurl_loss import UmURLLoss, variance_covariance
from .usdrl_loss import USDRLLoss, barlow_twins

__all__ = [
    'MAMPLoss', 'UmURLLoss', 'USDRLLoss', 'barlow_twins',
    'regression_target', 'variance_covariance'
]
