#!/usr/bin/env bash
# The main job on the bundled synthetic set: set up the environment,
# generate the data, pre-train UmURL, then run linear evaluation and kNN
# retrieval for the pre-trained encoder and for the same encoder with random
# weights, and print both side by side (minutes per seed on 2 CPU cores:
# docs/performance.md); SEEDS="0 1 2" repeats it with three seeds and
# prints the mean and spread. DIM=2d runs the same on the 2D COCO-17 version of the set
# (keypoints in pixels with scores, MMAction2's 2D format). METHOD=usdrl
# runs USDRL (DSTE encoder, joint) instead of UmURL.
set -euo pipefail
cd "$(dirname "$0")/.."
source tools/setup_env.sh

DIM=${DIM:-3d}
METHOD=${METHOD:-umurl}
case "$METHOD" in
    umurl) SUFFIX="" ;;
    usdrl) SUFFIX="_usdrl" ;;
    *) echo "[demo] METHOD must be umurl or usdrl, got '$METHOD'"; exit 2 ;;
esac
case "$DIM" in
    3d) W=${WORK_DIR:-work_dirs/demo$SUFFIX}; GEN_ARGS="" ;;
    2d) W=${WORK_DIR:-work_dirs/demo${SUFFIX}_2d}; GEN_ARGS="--2d" ;;
    *) echo "[demo] DIM must be 3d or 2d, got '$DIM'"; exit 2 ;;
esac
SEEDS=${SEEDS:-0}
DATA=data/synthetic/synthetic_$DIM.pkl
PRE=configs/$METHOD/${METHOD}_1xb64-40e_synthetic-xsub-keypoint-$DIM.py
LIN=configs/$METHOD/benchmarks/$METHOD-linear_1xb64-60e_synthetic-xsub-keypoint-$DIM.py
KNN=configs/$METHOD/benchmarks/$METHOD-knn_synthetic-xsub-keypoint-$DIM.py

step() { echo; echo "=== [demo] $(date +%T) $*"; }

if [ -e "$W" ]; then
    old="$W.old-$(date +%Y%m%d-%H%M%S)"
    echo "[demo] moving the previous demo results aside to $old"
    mv "$W" "$old"
fi
step "generate the synthetic set ($DIM)"
python tools/data/gen_synthetic.py $GEN_ARGS --out $DATA
for seed in $SEEDS; do
    S=$W/seed_$seed
    CKPT=$S/pretrain/epoch_40.pth
    step "seed $seed: pre-train $METHOD (40 epochs)"
    python tools/train.py $PRE --work-dir "$S/pretrain" --seed $seed
    for kind in pretrained random; do
        if [ $kind = pretrained ]; then
            init="model.backbone.init_cfg.checkpoint=$CKPT"; weights=$CKPT
        else
            init="model.backbone.init_cfg=None"; weights=""
        fi
        step "seed $seed: linear evaluation, $kind encoder"
        python tools/train.py $LIN --work-dir "$S/linear_$kind" --seed $seed \
            --cfg-options "$init"
        python tools/test.py $LIN "$S/linear_$kind/epoch_60.pth" \
            --work-dir "$S/linear_$kind"
        step "seed $seed: kNN retrieval, $kind encoder"
        # the random encoder's weights come from the seed
        python tools/test.py $KNN $weights --work-dir "$S/knn_$kind" \
            --cfg-options randomness.seed=$seed
    done
done
first=$W/seed_${SEEDS%% *}
step "plots (seed ${SEEDS%% *}): loss curves and t-SNE of the test split"
python tools/analysis/plot_curves.py "$first/pretrain" --out "$W/curves.png"
for kind in pretrained random; do
    [ $kind = pretrained ] && weights=$first/pretrain/epoch_40.pth || weights=""
    python tools/analysis/tsne.py $KNN $weights --split xsub_val \
        --ann-file $DATA --out "$W/tsne_$kind.png"
done
step "results"
python tools/analysis/demo_table.py "$W"
