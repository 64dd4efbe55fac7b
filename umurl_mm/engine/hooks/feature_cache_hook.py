from typing import Dict, Iterator, List

import torch
from mmaction.registry import HOOKS
from mmengine.hooks import Hook


class CachedFeatureLoader:
    """Batches of cached encoder features in the order of a data loader's
    sampler: the batches ``loader`` would give, with each sample's clips
    replaced by the encoder's output for them.

    ``sampler`` (and its ``set_epoch``), ``batch_size`` and ``drop_last``
    are the original loader's, so every epoch sees the same batches.

    Args:
        loader (torch.utils.data.DataLoader): The original loader.
        features (torch.Tensor): ``(N, ...)`` one entry per dataset index.
        samples (list): The ``N`` data samples, by dataset index.
    """

    def __init__(self, loader, features: torch.Tensor,
                 samples: List) -> None:
        self.loader, self.features, self.samples = loader, features, samples
        self.dataset = loader.dataset
        self.sampler = loader.sampler
        self.batch_size = loader.batch_size
        self.drop_last = loader.drop_last

    def __len__(self) -> int:
        return len(self.loader)

    def __iter__(self) -> Iterator[Dict]:
        batch = []
        for item in self.sampler:
            batch.append(item[0] if isinstance(item, tuple) else item)
            if len(batch) == self.batch_size:
                yield self._batch(batch)
                batch = []
        if batch and not self.drop_last:
            yield self._batch(batch)

    def _batch(self, indices: List[int]) -> Dict:
        rows = self.features[torch.tensor(indices,
                                          device=self.features.device)]
        return dict(inputs=list(rows.unbind(0)),
                    data_samples=[self.samples[i] for i in indices])


@HOOKS.register_module()
class FrozenFeatureCacheHook(Hook):
    """Compute a frozen encoder's features once and train on them.

    Linear evaluation trains a classifier on a frozen encoder (eval mode,
    no gradients) over a deterministic pipeline, so every epoch would
    compute the same features again. Before training this hook runs the
    encoder once over the whole training set and the whole validation set
    (every rank all of each: the sampler may give a rank any index in a
    later epoch), keeps the features on the model's device, and replaces
    the two loops' data loaders by :class:`CachedFeatureLoader` (same
    sampler, batches and order); the backbone then passes its inputs
    through (``precomputed``). After training both are given back. The
    model, its checkpoints and ``tools/test.py`` are unchanged; training
    gives what recomputing the features would give.

    Use it only where the pipelines are deterministic (the evaluation
    pipeline: the whole sequence resized) and the backbone is frozen, e.g.
    ``UmURL(frozen=True)``; a backbone that is not frozen (``frozen``, no
    parameter with gradients), or that has no ``precomputed`` switch, is an
    error.

    Args:
        val (bool): Cache the validation set too. Defaults to True.
    """

    priority = 'LOW'

    def __init__(self, val: bool = True) -> None:
        self.val = val
        self._loops = []

    def before_train(self, runner) -> None:
        """Extract the features and swap the data loaders."""
        model = getattr(runner.model, 'module', runner.model)
        backbone = getattr(model, 'backbone', None)
        if not hasattr(backbone, 'precomputed'):
            raise TypeError(
                'FrozenFeatureCacheHook needs a backbone with a '
                f'`precomputed` switch (e.g. UmURL), got '
                f'{type(backbone).__name__}')
        if not getattr(backbone, 'frozen', False) or any(
                p.requires_grad for p in backbone.parameters()):
            raise ValueError(
                'FrozenFeatureCacheHook: the backbone is trained (not '
                'frozen); its features change every step. Set frozen=True, '
                'or remove the hook (fine-tuning).')
        backbone.eval()
        loops = [runner.train_loop]
        if self.val and runner.val_loop is not None and hasattr(
                runner.val_loop, 'dataloader'):
            loops.append(runner.val_loop)
        self._loops = loops
        for loop in loops:
            loop.dataloader = self.cache(model, loop.dataloader)
        backbone.precomputed = True
        runner.logger.info(
            'FrozenFeatureCacheHook: encoder features computed once for '
            f'{len(loops)} data set(s); training on them')

    @staticmethod
    @torch.no_grad()
    def cache(model, loader) -> CachedFeatureLoader:
        """The encoder's features of every sample of ``loader``'s dataset,
        in dataset order, as a :class:`CachedFeatureLoader`."""
        ordered = torch.utils.data.DataLoader(
            loader.dataset, batch_size=loader.batch_size,
            num_workers=loader.num_workers, collate_fn=loader.collate_fn,
            sampler=range(len(loader.dataset)))
        features, samples = [], []
        for batch in ordered:
            data = model.data_preprocessor(batch, False)
            inputs = data['inputs']
            feats = model.backbone(inputs.flatten(0, 1))
            features.append(feats.view(inputs.shape[:2] + feats.shape[1:]))
            samples += data['data_samples']
        return CachedFeatureLoader(loader, torch.cat(features), samples)

    def after_train(self, runner) -> None:
        """Give the loops back their data loaders, the backbone its
        inputs."""
        for loop in self._loops:
            loop.dataloader = loop.dataloader.loader
        model = getattr(runner.model, 'module', runner.model)
        model.backbone.precomputed = False
