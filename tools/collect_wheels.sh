#!/usr/bin/env bash
# Collect this project's pure-Python dependencies as wheels in .whl/, for a
# GPU machine that has Python, torch, numpy, scipy, OpenCV, Pillow,
# matplotlib, PyYAML and rich preinstalled and no network
# (tools/gpu_check.sh installs them there). Run it where pip reaches PyPI.
# Usage: bash tools/collect_wheels.sh [DIR]   (default .whl)
set -euo pipefail
cd "$(dirname "$0")/.."
DIR=${1:-.whl}
mkdir -p "$DIR"
# pure Python: the wheels built here install on any Python 3
python3 -m pip wheel -q --no-deps -w "$DIR" \
    mmengine==0.10.7 mmcv-lite==2.0.1 mmaction2==1.1.0 \
    addict yapf termcolor platformdirs
ls "$DIR"
