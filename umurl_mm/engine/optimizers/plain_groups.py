from mmaction.registry import OPTIM_WRAPPER_CONSTRUCTORS
from mmengine.optim import DefaultOptimWrapperConstructor, OptimWrapper


@OPTIM_WRAPPER_CONSTRUCTORS.register_module()
class PlainGroupsOptimWrapperConstructor(DefaultOptimWrapperConstructor):
    """mmengine's default constructor, with plain-``dict`` parameter groups.

    Groups built from a config (any ``paramwise_cfg``) are ``ConfigDict`` s,
    and ``torch.compile`` cannot trace an optimizer step over those
    (``InternalTorchDynamoError: 'UserDefinedDictVariable' object has no
    attribute 'items'``): mmengine's ``compile=True`` would fail on every
    model trained with parameter-wise settings. The groups hold the same
    parameters and settings.
    """

    def __call__(self, model) -> OptimWrapper:
        """Build the wrapper; its optimizer's groups as plain dicts."""
        wrapper = super().__call__(model)
        optimizer = wrapper.optimizer
        optimizer.param_groups = [dict(g) for g in optimizer.param_groups]
        return wrapper
