"""An independent reference of MAMP written from its specification, with
plain tensor operations on state dicts in the *official* key layout (no
module of the plugin) and NumPy for the masking: the encoder's tokens
(all of them, or the kept ones), the motion prior, the Gumbel-top-k mask,
the decoder, the normalised motion target and the loss. Inputs are in the
official feeder layout ``(N, C, T, V, M)``; run it in float64."""
import math

import numpy as np
import torch


def _ln(sd, p, x):
    mu = x.mean(-1, keepdim=True)
    var = ((x - mu)**2).mean(-1, keepdim=True)
    return (x - mu) / torch.sqrt(var + 1e-5) * sd[p + '.weight'] + sd[p +
                                                                      '.bias']


def _lin(sd, p, x):
    return x @ sd[p + '.weight'].T + sd[p + '.bias']


def _gelu(x):
    return 0.5 * x * (1 + torch.erf(x / math.sqrt(2)))


def _block(sd, p, x, heads):
    n, L, D = x.shape
    hd = D // heads
    qkv = _lin(sd, p + '.attn.qkv', _ln(sd, p + '.norm1', x))
    qkv = qkv.reshape(n, L, 3, heads, hd)
    out = torch.zeros_like(x)
    for h in range(heads):
        q, k, v = (qkv[:, :, i, h] for i in range(3))
        a = torch.softmax(q @ k.transpose(1, 2) * hd**-0.5, -1)
        out[..., h * hd:(h + 1) * hd] = a @ v
    x = x + _lin(sd, p + '.attn.proj', out)
    h = _gelu(_lin(sd, p + '.mlp.fc1', _ln(sd, p + '.norm2', x)))
    return x + _lin(sd, p + '.mlp.fc2', h)


def fold(x):
    """``(N, C, T, V, M)`` -> ``(N M, T, V, C)``, row ``n M + m``."""
    N, C, T, V, M = x.shape
    return x.permute(0, 4, 2, 3, 1).reshape(N * M, T, V, C)


def embed(sd, x):
    """Patch embedding + joint/segment embeddings: ``(NM, 25 T', D)``."""
    w, b = sd['joints_embed.proj.weight'], sd['joints_embed.proj.bias']
    s = w.shape[2]
    n, T, V, C = x.shape
    seg = x.reshape(n, T // s, s, V, C)
    tok = torch.einsum('dck,ntkvc->ntvd', w[..., 0], seg) + b
    tok = tok + sd['pos_embed'][0] + sd['temp_embed'][0]
    return tok.reshape(n, -1, tok.shape[-1])  # l = V t + v


def encode(sd, tok, depth, heads):
    for i in range(depth):
        tok = _block(sd, f'blocks.{i}', tok, heads)
    return _ln(sd, 'norm', tok)


def encoder_tokens(sd, x, depth=8, heads=8):
    """All tokens of ``(N, C, T, V, M)`` clips, no masking."""
    return encode(sd, embed(sd, fold(x)), depth, heads)


def patches(x, s=4):
    """``(n, T, V, C)`` numpy -> ``(n, T/s, V, s C)`` (frame, channel)."""
    n, T, V, C = x.shape
    out = np.zeros((n, T // s, V, s * C))
    for t in range(T // s):
        for v in range(V):
            for k in range(s):
                out[:, t, v, k * C:(k + 1) * C] = x[:, s * t + k, v]
    return out


def masking(x, noise, tau, ratio=0.9, s=4):
    """Kept indices (in key order), ``ids_restore`` and mask (numpy)."""
    P = patches(x, s)
    d = np.abs(P[:, 1:] - P[:, :-1]).mean(-1)
    d = np.concatenate([d[:, :1], d], 1).reshape(len(x), -1)
    logits = d / (tau * d.max(1, keepdims=True) + 1e-10)
    logp = logits - np.log(np.exp(logits).sum(1, keepdims=True))
    key = logp - np.log(-np.log(noise + 1e-10) + 1e-10)
    L = key.shape[1]
    keep = int(L * (1 - ratio))
    order = np.argsort(key, 1, kind='stable')
    restore = np.argsort(order, 1, kind='stable')
    mask = np.ones_like(key)
    for i in range(len(x)):
        mask[i, order[i, :keep]] = 0
    return order[:, :keep], restore, mask


def target(x, s=4):
    """Normalised per-frame motion patches, ``(n, L, s C)`` (numpy)."""
    m = np.zeros_like(x)
    m[:, :-1] = x[:, 1:] - x[:, :-1]
    P = patches(m, s).reshape(len(x), -1, s * x.shape[-1])
    mean = P.mean(-1, keepdims=True)
    var = P.var(-1, ddof=1, keepdims=True)
    return (P - mean) / np.sqrt(var + 1e-6)


def forward_loss(sd, x, noise, tau, depth=8, dec_depth=3, heads=8):
    """The pre-training loss of ``(N, C, T, V, M)`` clips with the given
    ``(NM, L)`` noise; also returns the mask and the prediction."""
    xf = fold(x)
    keep, restore, mask = masking(xf.numpy(), noise.numpy(), tau)
    tok = embed(sd, xf)
    D = tok.shape[-1]
    kept = torch.stack([tok[i, keep[i]] for i in range(len(tok))])
    lat = _lin(sd, 'decoder_embed', encode(sd, kept, depth, heads))
    n, L = mask.shape
    full = sd['mask_token'].expand(n, L, D).clone()
    for i in range(n):
        for j in range(keep.shape[1]):
            full[i, keep[i, j]] = lat[i, j]
    full = full + (sd['decoder_temp_embed'] + sd['decoder_pos_embed']
                   ).reshape(1, L, D)
    for i in range(dec_depth):
        full = _block(sd, f'decoder_blocks.{i}', full, heads)
    pred = _lin(sd, 'decoder_pred', _ln(sd, 'decoder_norm', full))
    tgt = torch.from_numpy(target(xf.numpy()))
    err = ((pred - tgt)**2).mean(-1)
    m = torch.from_numpy(mask)
    return (err * m).sum() / m.sum(), mask, pred


def official_keys(depth=8, dec_depth=3):
    """The official pre-training checkpoint's key names."""
    keys = ['temp_embed', 'pos_embed', 'mask_token', 'decoder_temp_embed',
            'decoder_pos_embed', 'joints_embed.proj.weight',
            'joints_embed.proj.bias', 'norm.weight', 'norm.bias',
            'decoder_embed.weight', 'decoder_embed.bias',
            'decoder_norm.weight', 'decoder_norm.bias',
            'decoder_pred.weight', 'decoder_pred.bias']
    block = [f'{m}.{p}' for m in ('norm1', 'norm2', 'attn.qkv', 'attn.proj',
                                  'mlp.fc1', 'mlp.fc2')
             for p in ('weight', 'bias')]
    keys += [f'blocks.{i}.{b}' for i in range(depth) for b in block]
    keys += [f'decoder_blocks.{i}.{b}' for i in range(dec_depth)
             for b in block]
    return keys
