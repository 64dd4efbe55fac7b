#!/usr/bin/env bash
# The GPU check (tools/gpu_check.py) on a bare GPU machine: installs the
# wheels of .whl/ (tools/collect_wheels.sh) into a private folder if they
# are there, then runs the check; its table ends the output.
# Usage: bash tools/gpu_check.sh [gpu_check.py options]
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -d .whl ]; then
    SITE=${SITE:-/tmp/umurl_mm_site}
    python3 -m pip install -q --no-index --no-deps --no-compile \
        --no-cache-dir --upgrade --target "$SITE" .whl/*.whl
    export PYTHONPATH="$SITE${PYTHONPATH:+:$PYTHONPATH}"
fi
export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}" PYTHONUNBUFFERED=1
exec python3 tools/gpu_check.py "$@"
