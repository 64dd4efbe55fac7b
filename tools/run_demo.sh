#!/usr/bin/env bash
# The main job on the bundled synthetic set: set up the environment,
# generate the data, pre-train UmURL, then run linear evaluation and kNN
# retrieval for the pre-trained encoder and for the same encoder with random
# weights, and print both side by side. About 15 minutes on 2 CPU cores.
set -euo pipefail
cd "$(dirname "$0")/.."
source tools/setup_env.sh

W=${WORK_DIR:-work_dirs/demo}
PRE=configs/umurl/umurl_1xb64-u64-40e_synthetic-xsub-keypoint-3d.py
LIN=configs/umurl/umurl-linear_1xb64-60e_synthetic-xsub-keypoint-3d.py
KNN=configs/umurl/umurl-knn_synthetic-xsub-keypoint-3d.py
CKPT=$W/pretrain/epoch_40.pth

step() { echo; echo "=== [demo] $(date +%T) $*"; }

step "generate the synthetic set"
python tools/data/gen_synthetic.py --out data/synthetic/synthetic_3d.pkl
step "pre-train UmURL (40 epochs)"
python tools/train.py $PRE --work-dir "$W/pretrain"
for kind in pretrained random; do
    if [ $kind = pretrained ]; then
        init="model.backbone.init_cfg.checkpoint=$CKPT"; weights=$CKPT
    else
        init="model.backbone.init_cfg=None"; weights=""
    fi
    step "linear evaluation, $kind encoder"
    python tools/train.py $LIN --work-dir "$W/linear_$kind" --cfg-options "$init"
    python tools/test.py $LIN "$W/linear_$kind/epoch_60.pth" --work-dir "$W/linear_$kind"
    step "kNN retrieval, $kind encoder"
    python tools/test.py $KNN $weights --work-dir "$W/knn_$kind"
done
step "plots: loss curves and t-SNE of the test split"
python tools/analysis/plot_curves.py "$W/pretrain" --out "$W/curves.png"
for kind in pretrained random; do
    [ $kind = pretrained ] && weights=$CKPT || weights=""
    python tools/analysis/tsne.py $KNN $weights --split xsub_val \
        --ann-file data/synthetic/synthetic_3d.pkl --out "$W/tsne_$kind.png"
done
step "results"
python tools/analysis/demo_table.py "$W"
