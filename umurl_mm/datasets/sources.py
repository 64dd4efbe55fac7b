"""Where the annotation files that the configs read come from."""
import os.path as osp

#: The data tool that makes each file the configs read, by file name.
DATA_COMMANDS = {
    'ntu60_3d_umurl.pkl':
    'python tools/data/ntu_skeleton_to_pkl.py nturgb+d_skeletons/ {path} '
    '--benchmark ntu60 --ignored NTU_RGBD_samples_with_missing_skeletons.txt',
    'ntu120_3d_umurl.pkl':
    'python tools/data/ntu_skeleton_to_pkl.py nturgbd_skeletons_all/ {path} '
    '--benchmark ntu120 --ignored '
    'NTU_RGBD120_samples_with_missing_skeletons.txt',
    'pku2_3d_umurl.pkl':
    'python tools/data/pku_mmd_to_pkl.py PKU_Skeleton_Renew/ '
    'Train_Label_PKU_final/ cross-subject.txt {path}',
    'synthetic_3d.pkl':
    'python tools/data/gen_synthetic.py --out {path}',
    'synthetic_2d.pkl':
    'python tools/data/gen_synthetic.py --2d --out {path}',
    # MMAction2's own 2D file (HRNet COCO-17 keypoints), used as is
    'ntu60_2d.pkl':
    'wget -O {path} '
    'https://download.openmmlab.com/mmaction/v1.0/skeleton/data/'
    'ntu60_2d.pkl',
}


def missing_data_message(path: str) -> str:
    """The error for an annotation file that does not exist: the file, and
    the command that makes it.

    Args:
        path (str): The missing file.

    Returns:
        str: The message.
    """
    command = DATA_COMMANDS.get(osp.basename(path))
    how = (f'make it with:\n    {command.format(path=path)}\n(other sources'
           ' of the same file: docs/data_preparation.md)') if command else (
               'make it with one of the tools in tools/data/ '
               '(docs/data_preparation.md), or point the config at your file '
               'with --cfg-options ...dataset.ann_file=PATH')
    return f'annotation file {path} does not exist; {how}'
