"""Load pieces of the official UmURL repository (a clone given by the user)
for side-by-side benchmarks; nothing of it is copied into this project.

- ``official_model(dir)``: its ``UmURL`` (``umurl.py``) at full size;
- ``official_loss(dir)``: the loss of its ``pretrain.py`` (its own
  ``off_diagonal`` and ``vc_reg`` functions, taken from the file's source
  alone, composed as its training loop does);
- ``official_feeder(dir, ...)``: its pre-training ``Feeder``.
"""
import ast
import importlib.util
import os.path as osp
import sys

import torch
import torch.nn as nn


def _module(path, name):
    if not osp.isfile(path):
        raise SystemExit(f'--official: {path} not found (give the folder of '
                         'a clone of the official UmURL repository)')
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def official_model(folder, hidden=1024):
    """The official ``UmURL`` pre-training model (encoder + projectors)."""
    umurl = _module(osp.join(folder, 'umurl.py'), 'official_umurl')
    return umurl.UmURL(t_input_size=150, s_input_size=192,
                       hidden_size=hidden, num_head=1, num_layer=1)


def official_loss(folder):
    """``loss(z_j, z_b, z_m, z_uj, z_ub, z_um)`` as ``pretrain.py`` trains:
    ``5 * (intra + inter) + sum of vc_reg`` with its own functions."""
    path = osp.join(folder, 'pretrain.py')
    if not osp.isfile(path):
        raise SystemExit(f'--official: {path} not found')
    tree = ast.parse(open(path).read())
    defs = [n for n in tree.body if isinstance(n, ast.FunctionDef) and
            n.name in ('off_diagonal', 'vc_reg')]
    scope = dict(torch=torch)
    exec(compile(ast.Module(body=defs, type_ignores=[]), path, 'exec'), scope)
    vc_reg, mse = scope['vc_reg'], nn.MSELoss()

    def loss(z_j, z_b, z_m, z_uj, z_ub, z_um):
        intra = mse(z_j, z_uj) + mse(z_b, z_ub) + mse(z_m, z_um)
        center = (z_j + z_b + z_m) / 3
        inter = mse(z_j, center) + mse(z_b, center) + mse(z_m, center)
        reg = sum(vc_reg(z) for z in (z_j, z_b, z_m, z_uj, z_ub, z_um))
        return 5 * (intra + inter) + reg

    return loss


def official_feeder(folder, data_path, num_frame_path):
    """The official pre-training ``Feeder`` (4 views per sample)."""
    sys.modules.pop('augmentations', None)
    _module(osp.join(folder, 'feeder', 'augmentations.py'), 'augmentations')
    feeder = _module(osp.join(folder, 'feeder', 'feeder_pretraining.py'),
                     'official_feeder')
    return feeder.Feeder(data_path, num_frame_path, l_ratio=[0.1, 1.0],
                         input_size=64, mmap=False)
