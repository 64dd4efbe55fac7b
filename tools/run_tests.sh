#!/usr/bin/env bash
# Set up the environment if needed, then run the test suite (all of it, or
# the tests named in the arguments).
set -euo pipefail
cd "$(dirname "$0")/.."
source tools/setup_env.sh
python -m pytest -p no:cacheprovider -W ignore::DeprecationWarning "$@"
