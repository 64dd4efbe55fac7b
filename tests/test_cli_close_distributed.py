"""The tools tear their process group down at the end of a run."""
import torch.distributed as dist

from tests.utils import free_port
from umurl_mm.cli import close_distributed


def test_close_distributed_destroys_the_group_and_is_a_no_op_after():
    dist.init_process_group('gloo', init_method=f'tcp://127.0.0.1:'
                            f'{free_port()}', rank=0, world_size=1)
    assert dist.is_initialized()
    close_distributed()
    assert not dist.is_initialized()
    close_distributed()  # nothing to close: no error
