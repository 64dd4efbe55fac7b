"""MAMP under mixed precision and across ranks: the mask, prior and target
in float32 under autocast, the loss in float32; the global loss of equal
per-rank batches is the mean of the ranks' losses (what DDP's gradient
averaging optimises)."""
import pytest
import torch

from umurl_mm.models import MAMPPretrainer


def model(dtype=torch.float32):
    torch.manual_seed(0)
    return MAMPPretrainer(
        backbone=dict(type='MAMPEncoder', num_frames=16, embed_dims=32,
                      depth=2, num_heads=2),
        decoder=dict(embed_dims=16, depth=1, num_heads=2)).to(dtype)


def clips(n=8, dtype=torch.float32):
    g = torch.Generator().manual_seed(1)
    return torch.randn(n, 16, 25, 3, generator=g, dtype=dtype).cumsum(1)


@pytest.mark.parametrize('dtype', [torch.bfloat16, torch.float16])
def test_autocast_keeps_mask_target_and_loss_in_float32(dtype):
    m = model()
    x = clips()
    noise = torch.rand(8, 100, generator=torch.Generator().manual_seed(2))
    ref_pred, ref_target, ref_mask = m.forward_train(x, noise)
    ref = m.loss_module(ref_pred, ref_target, ref_mask)['loss']
    with torch.autocast('cpu', dtype=dtype):
        pred, target, mask = m.forward_train(x, noise)
        loss = m.loss_module(pred, target, mask)['loss']
    assert pred.dtype == dtype
    assert target.dtype == torch.float32 and loss.dtype == torch.float32
    torch.testing.assert_close(mask, ref_mask, rtol=0, atol=0)
    torch.testing.assert_close(target, ref_target, rtol=0, atol=0)
    # half-precision activations: a few per cent of the loss at most
    assert abs(loss.item() - ref.item()) <= 0.05 * ref.item()


def test_global_loss_is_the_mean_of_equal_ranks_losses():
    """Every row masks the same number of tokens, so the mean over the
    global batch equals the mean of two ranks' means (float64)."""
    m = model(torch.float64)
    x = clips(dtype=torch.float64)
    noise = torch.rand(8, 100, generator=torch.Generator().manual_seed(3),
                       dtype=torch.float64)
    pred, target, mask = m.forward_train(x, noise)
    whole = m.loss_module(pred, target, mask)['loss']
    ranks = [m.loss_module(pred[i:i + 4], target[i:i + 4],
                           mask[i:i + 4])['loss'] for i in (0, 4)]
    torch.testing.assert_close(whole, sum(ranks) / 2, rtol=1e-13, atol=0)
