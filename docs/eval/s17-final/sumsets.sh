#!/usr/bin/env bash
# One summary line per seed gold set: `factqa eval` on each set, then sumline.py on its metrics.json.
# usage: docs/eval/s17-final/sumsets.sh CHECKOUT STORE TAG [sets...]   (default sets: gold gold_v3 .. gold_v10)
# Per-set outputs go to /tmp/sum-TAG-<set>/ (predictions.jsonl for qa.eval.pred_diff). PY: the venv's python.
HERE=$(cd "$(dirname "$0")" && pwd)
WT=$1; STORE=$2; TAG=$3; shift 3
SETS=${@:-gold gold_v3 gold_v4 gold_v5 gold_v6 gold_v7 gold_v8 gold_v9 gold_v10}
cd "$WT"; export PYTHONPATH=$PWD HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 TOKENIZERS_PARALLELISM=false OMP_WAIT_POLICY=PASSIVE
PY=${PY:-$WT/.venv/bin/python}
for s in $SETS; do
  $PY -m ui.cli eval --gold seeds/$s.jsonl --store "$STORE" --out /tmp/sum-$TAG-$s --quiet >/tmp/sum-$TAG-$s.log 2>&1 || { echo "$s FAILED (see /tmp/sum-$TAG-$s.log)"; continue; }
  $PY "$HERE/sumline.py" $s /tmp/sum-$TAG-$s/metrics.json
done
