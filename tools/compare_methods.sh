#!/usr/bin/env bash
# UmURL, USDRL and MAMP side by side in one run on this machine: the demo
# of each (pre-training, linear evaluation and kNN of the pre-trained and
# of the randomly initialised encoder; tools/run_demo.sh, same seeds, same
# set), then each pre-training config's step time and parameter count
# (tools/benchmark_pretrain.py). DATA, SRC and SEEDS are the demo's;
# METHODS="umurl mamp" runs a subset. The tables: work_dirs/compare[_SET].txt.
set -euo pipefail
cd "$(dirname "$0")/.."
source tools/setup_env.sh

SET=${DATA:-synthetic}
METHODS=${METHODS:-umurl usdrl mamp}
OUT=work_dirs/compare${DATA:+_$SET}.txt
mkdir -p work_dirs
: > "$OUT.part"
name=${SET//_/-}
for m in $METHODS; do
    METHOD=$m bash tools/run_demo.sh
    suffix=$([ "$m" = umurl ] && echo "" || echo "_$m")
    { echo "== $m"; cat "work_dirs/demo$suffix${DATA:+_$SET}/results.txt"; } \
        >> "$OUT.part"
done
# The step benchmarks back to back, after the demos, so that the three
# are timed under the same conditions.
echo "== pre-training step, torch threads: $(python -c \
    'import torch; print(torch.get_num_threads())')" >> "$OUT.part"
for m in $METHODS; do
    pre=$(ls configs/$m/${m}_*_$name-xsub-keypoint-3d.py | head -1)
    { echo "$m ($(basename "$pre"))"
      python tools/benchmark_pretrain.py "$pre" --iters 5 --warmup 2 \
          | grep -E 'parameters|ours'; } >> "$OUT.part"
done
mv "$OUT.part" "$OUT"
cat "$OUT"
