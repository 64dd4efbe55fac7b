#!/usr/bin/env bash
# Set up the environment if needed, then run the test suite: the first
# tier (everything but the tests marked slow) by default, the second tier
# with --slow, both with --all; further arguments go to pytest (e.g. test
# paths or -k). The tests run in one pytest-xdist worker per core, each
# torch process on one thread (OMP_NUM_THREADS=1 unless set): tiny models,
# and no two workers fighting over a core. The slowest tests are listed at
# the end.
set -euo pipefail
cd "$(dirname "$0")/.."
source tools/setup_env.sh
tier=(-m 'not slow')
case "${1:-}" in
    --slow) tier=(-m slow); shift ;;
    --all) tier=(); shift ;;
esac
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-1}
python -m pytest -p no:cacheprovider -W ignore::DeprecationWarning \
    -n "${WORKERS:-auto}" --durations=15 "${tier[@]}" "$@"
