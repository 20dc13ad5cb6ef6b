#!/usr/bin/env bash
# Reproduces the README's learning table: CRF-RNN's ablations on the generated learning set.
# Each row learns on <set>/train (model chosen by training loss) and scores <set>/val with
# `crfview eval`. Usage: Scripts/learning-table.sh [crfview binary] [set folder] [seed]
set -euo pipefail
bin=${1:-.build/release/crfview}
set_dir=${2:-/tmp/crfview-learning-set}
seed=${3:-2011}
run() { if [ -n "${CPU_LOCK:-}" ]; then flock "$CPU_LOCK" "$@"; else "$@"; fi; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# crfview's chatter goes to files of the work folder, never to the machine's /dev/null.
[ -d "$set_dir/train" ] || run "$bin" make-samples --learning-set --out "$set_dir" --seed "$seed" > "$work/make-samples.log"
score() {   # mean CRF mIoU on val for a params file (or none)
    run "$bin" eval "$set_dir"/val/* ${1:+--params "$1"} --json |
        python3 -c 'import json,sys; print("%.2f" % (100 * json.load(sys.stdin)["mean_crf_miou"]))'
}
unary=$(run "$bin" eval "$set_dir"/val/* --json | python3 -c 'import json,sys; print("%.2f" % (100 * json.load(sys.stdin)["mean_unary_miou"]))')
echo "| model | command | val mIoU | learn time |"
echo "| --- | --- | --- | --- |"
echo "| network alone (unary argmax) | \`crfview eval VAL/*\` | $unary | |"
echo "| hand-set defaults | \`crfview eval VAL/*\` | $(score "") | |"
row() {   # name, learn flags...
    local name=$1; shift
    local start=$(date +%s.%N)
    run "$bin" learn "$set_dir"/train/* "$@" --out "$work/p.json" > "$work/learn.log" 2>&1
    local secs=$(python3 -c "print('%.0f s' % ($(date +%s.%N) - $start))")
    echo "| $name | \`crfview learn TRAIN/* $*\` | $(score "$work/p.json") | $secs |"
}
row "learned Potts" --learn potts --no-learn-unary --no-learn-widths --loss ce
row "learned per-class (diagonal)" --learn diagonal --no-learn-unary --no-learn-widths --loss ce
row "learned matrix" --learn matrix --no-learn-unary --no-learn-widths --loss ce
row "+ unary calibration" --no-learn-widths --loss ce
row "+ widths" --loss ce
row "+ soft Jaccard loss (the defaults)"
row "T_train = 10" --train-iterations 10
row "untied steps" --untied
row "L-BFGS (full batch)" --optimizer lbfgs
