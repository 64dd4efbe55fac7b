#!/usr/bin/env bash
# Set up the environment if needed, then run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
source tools/setup_env.sh
python -m pytest tests -p no:cacheprovider -W ignore::DeprecationWarning "$@"
