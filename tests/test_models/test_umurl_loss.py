import numpy as np
import pytest
import torch

from umurl_mm.models.losses import UmURLLoss


def spec_vc(z):
    """VC term written out from the spec in float64 numpy."""
    B, D = z.shape
    s = np.sqrt(z.var(axis=0, ddof=1) + 1e-4)
    std = np.mean(np.maximum(0, 1 - s))
    zc = z - z.mean(0)
    cov = zc.T @ zc / (B - 1)
    off = cov - np.diag(np.diag(cov))
    return 5 * std + (off**2).sum() / D


def test_loss_matches_spec():
    rng = np.random.default_rng(0)
    z = {m: rng.normal(size=(6, 10)) for m in ('joint', 'bone', 'motion')}
    zu = {m: rng.normal(size=(6, 10)) * 0.5 for m in z}
    out = UmURLLoss()({m: torch.tensor(v, dtype=torch.float32)
                       for m, v in z.items()},
                      {m: torch.tensor(v, dtype=torch.float32)
                       for m, v in zu.items()})
    mse = lambda a, b: np.mean((a - b)**2)  # noqa: E731
    c = (z['joint'] + z['bone'] + z['motion']) / 3
    intra = sum(mse(z[m], zu[m]) for m in z)
    inter = sum(mse(z[m], c) for m in z)
    vc = sum(spec_vc(v) for v in list(z.values()) + list(zu.values()))
    np.testing.assert_allclose(out['loss_intra'].item(), 5 * intra,
                               rtol=1e-5)
    np.testing.assert_allclose(out['loss_inter'].item(), 5 * inter,
                               rtol=1e-5)
    np.testing.assert_allclose(out['loss_vc'].item(), vc, rtol=1e-5)


def test_center_is_not_detached():
    z = {m: torch.randn(4, 3, requires_grad=True) for m in ('joint', 'bone')}
    out = UmURLLoss(intra_weight=0, vc_weight=0)(z, z)
    out['loss_inter'].backward()
    # d/dz_j sum_m mse(z_m, c) with c depending on z_j
    zj, zb = z['joint'].detach(), z['bone'].detach()
    c = (zj + zb) / 2
    n = zj.numel()
    expect = 5 * (2 * (zj - c) / n - (2 * (zj - c) + 2 * (zb - c)) / (2 * n))
    torch.testing.assert_close(z['joint'].grad, expect)


def direct_off_diagonal(z):
    """sum(offdiag(cov)^2), the (D, D) covariance written out."""
    zc = z - z.mean(0)
    cov = zc.T @ zc / (len(z) - 1)
    return (cov - torch.diag(torch.diag(cov))).pow(2).sum()


@pytest.mark.parametrize('batch,dim', [(8, 64), (32, 32), (96, 16)])
@pytest.mark.parametrize('dtype,rtol', [(torch.float64, 1e-9),
                                        (torch.float32, 1e-5)])
def test_gram_form_is_exact(batch, dim, dtype, rtol):
    from umurl_mm.models.losses.umurl_loss import off_diagonal_sq_sum
    gen = torch.Generator().manual_seed(batch)
    base = torch.randn(batch, dim, generator=gen, dtype=torch.float64)
    base = base @ torch.randn(dim, dim, generator=gen, dtype=torch.float64)
    ref_z = base.clone().requires_grad_()
    ref = direct_off_diagonal(ref_z)
    ref.backward()
    z = base.to(dtype).requires_grad_()
    got = off_diagonal_sq_sum(z - z.mean(0))
    got.backward()
    assert abs(got.item() - ref.item()) <= rtol * abs(ref.item())
    err = (z.grad.double() - ref_z.grad).norm() / ref_z.grad.norm()
    assert err.item() <= rtol
