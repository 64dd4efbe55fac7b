"""UmURL's pre-training views, one implementation for both placements:
the random draws (:mod:`.view_draws`, host-side NumPy) and their
application to a batch of clips (:mod:`.batched_views`). The model's data
preprocessor (on the device) and the ``MultiView`` transform (in the data
workers) both import them from here."""
from .batched_views import crop_resize, make_views, seeded_views
from .view_draws import (crop_window, default_corrupt_joints,
                         draw_view_params, view_settings)

__all__ = [
    'crop_resize', 'make_views', 'seeded_views', 'crop_window',
    'default_corrupt_joints', 'draw_view_params', 'view_settings'
]
