#!/usr/bin/env bash
# The main job on the bundled synthetic set: set up the environment,
# generate the data, pre-train UmURL, then run linear evaluation and kNN
# retrieval for the pre-trained encoder and for the same encoder with random
# weights, and print both side by side (minutes per seed on 2 CPU cores:
# docs/performance.md); SEEDS="0 1 2" repeats it with three seeds and
# prints the mean and spread. DIM=2d runs the same on the 2D COCO-17 version of the set
# (keypoints in pixels with scores, MMAction2's 2D format). METHOD=usdrl
# runs USDRL (DSTE encoder, joint) instead of UmURL, METHOD=mamp runs MAMP
# (3D only; on its own translation-only preparation of the same data). DATA=utd_mhad or
# DATA=msr_action3d with SRC=<folder of its native files> runs the same on
# that real Kinect v1 set (converted by tools/data/kinect_v1_to_pkl.py),
# with the raw-joint nearest-neighbour floor beside the two encoders.
set -euo pipefail
cd "$(dirname "$0")/.."
source tools/setup_env.sh

DIM=${DIM:-3d}
METHOD=${METHOD:-umurl}
case "$METHOD" in
    umurl) SUFFIX="" ;;
    usdrl) SUFFIX="_usdrl" ;;
    mamp) SUFFIX="_mamp" ;;
    *) echo "[demo] METHOD must be umurl, usdrl or mamp, got '$METHOD'"; exit 2 ;;
esac
# MAMP's data: translated only (tools/data/*: --mamp / --preprocess mamp)
PREP=umurl; PKL=""
if [ "$METHOD" = mamp ]; then
    [ "$DIM" = 3d ] || { echo "[demo] METHOD=mamp is 3D: DIM=3d"; exit 2; }
    PREP=mamp; PKL=_mamp
fi
case "$DIM" in
    3d) W=${WORK_DIR:-work_dirs/demo$SUFFIX}; GEN_ARGS="" ;;
    2d) W=${WORK_DIR:-work_dirs/demo${SUFFIX}_2d}; GEN_ARGS="--2d" ;;
    *) echo "[demo] DIM must be 3d or 2d, got '$DIM'"; exit 2 ;;
esac
SEEDS=${SEEDS:-0}
SET=${DATA:-synthetic}
case "$SET" in
    synthetic) DATA=data/synthetic/synthetic_$DIM$PKL.pkl ;;
    utd_mhad|msr_action3d)
        [ "$DIM" = 3d ] || { echo "[demo] $SET is 3D: DIM=3d"; exit 2; }
        [ -n "${SRC:-}" ] || { echo "[demo] DATA=$SET needs SRC=<folder of its files>"; exit 2; }
        DATA=data/$SET/$SET$PKL.pkl
        W=${WORK_DIR:-work_dirs/demo${SUFFIX}_$SET} ;;
    *) echo "[demo] DATA must be synthetic, utd_mhad or msr_action3d, got '$SET'"; exit 2 ;;
esac
NAME=${SET//_/-}
config() {  # the one config of a pattern, or an error naming it
    local found=( $1 )
    [ -e "${found[0]}" ] || { echo "[demo] no config $1 (METHOD=$METHOD, DATA=$SET)" >&2; exit 2; }
    echo "${found[0]}"
}
PRE=$(config "configs/$METHOD/${METHOD}_*_$NAME-xsub-keypoint-$DIM.py")
LIN=$(config "configs/$METHOD/benchmarks/$METHOD-linear_*_$NAME-xsub-keypoint-$DIM.py")
KNN=$(config "configs/$METHOD/benchmarks/$METHOD-knn_$NAME-xsub-keypoint-$DIM.py")
epochs() { basename "$1" | sed -E 's/.*-([0-9]+)e_.*/\1/'; }
PRE_EPOCHS=$(epochs "$PRE")
LIN_EPOCHS=$(epochs "$LIN")

step() { echo; echo "=== [demo] $(date +%T) $*"; }

if [ -e "$W" ]; then
    old="$W.old-$(date +%Y%m%d-%H%M%S)"
    echo "[demo] moving the previous demo results aside to $old"
    mv "$W" "$old"
fi
if [ "$SET" = synthetic ]; then
    step "generate the synthetic set ($DIM)"
    [ "$PREP" = mamp ] && GEN_ARGS="$GEN_ARGS --mamp"
    python tools/data/gen_synthetic.py $GEN_ARGS --out $DATA
else
    step "convert $SET from $SRC"
    python tools/data/kinect_v1_to_pkl.py "$SET" "$SRC" "$DATA" --preprocess $PREP
    step "the raw-joint nearest-neighbour floor"
    python tools/analysis/raw_knn.py "$DATA" --out "$W/raw_knn/test_metrics.json" \
        --clip-len "$(python -c "from mmengine.config import Config; print(Config.fromfile('$KNN').skeleton.clip_len)")"
fi
for seed in $SEEDS; do
    S=$W/seed_$seed
    CKPT=$S/pretrain/epoch_$PRE_EPOCHS.pth
    step "seed $seed: pre-train $METHOD ($PRE_EPOCHS epochs)"
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
        python tools/test.py $LIN "$S/linear_$kind/epoch_$LIN_EPOCHS.pth" \
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
    [ $kind = pretrained ] && weights=$first/pretrain/epoch_$PRE_EPOCHS.pth || weights=""
    python tools/analysis/tsne.py $KNN $weights --split xsub_val \
        --ann-file $DATA --out "$W/tsne_$kind.png"
done
step "results"
python tools/analysis/demo_table.py "$W"
