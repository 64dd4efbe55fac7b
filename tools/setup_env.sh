#!/usr/bin/env bash
# Create (or reuse) the virtual environment $VENV (default .venv; absolute
# or relative to the repository root) with the stack of $REQUIREMENTS
# (default requirements.txt, the known-good one) and this package installed
# in editable mode.
# Usage: source tools/setup_env.sh
VENV=${VENV:-.venv}
REQUIREMENTS=${REQUIREMENTS:-requirements.txt}
case "$VENV" in
    /*) ;;
    *) VENV="$PWD/$VENV" ;;
esac
if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV" || return 1 2>/dev/null || exit 1
fi
stamp="$VENV/.umurl_mm_requirements"
if ! cmp -s "$REQUIREMENTS" "$stamp"; then
    echo "[setup] installing the pinned stack into $VENV (takes a few minutes once)"
    "$VENV/bin/python" -m pip install -q --upgrade pip 'setuptools<82' wheel &&
    "$VENV/bin/python" -m pip install -q -r "$REQUIREMENTS" &&
    "$VENV/bin/python" -m pip install -q --no-deps --no-build-isolation -e . &&
    cp "$REQUIREMENTS" "$stamp" || { echo "[setup] install failed"; return 1 2>/dev/null || exit 1; }
fi
export PATH="$VENV/bin:$PATH"
