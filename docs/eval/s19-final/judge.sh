#!/usr/bin/env bash
# usage: judge13.sh CHECKOUT TAG GOLD  -- the v13 judge: whole set and its parts S (seed articles) and N (RealTimeQA
# tune-week news) on the mixed store /tmp/v12-store, part S also on the seed store. Aggregates only.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
WT=$1; TAG=$2; GOLD=$3; OUT=/tmp/judge-$TAG; mkdir -p $OUT
cd "$WT"; export PYTHONPATH=$PWD HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 TOKENIZERS_PARALLELISM=false OMP_WAIT_POLICY=PASSIVE
PY=${PY:-$WT/.venv/bin/python}
date -u; uptime
grep '"id": "g13-s' "$GOLD" > $OUT/partS.jsonl; grep '"id": "g13-n' "$GOLD" > $OUT/partN.jsonl
run() { $PY -m ui.cli eval --gold "$2" --store "$3" --out $OUT/$1 --quiet > $OUT/$1.log 2>&1 || echo "$1 FAILED"; $PY $HERE/../s17-final/sumline.py $1 $OUT/$1/metrics.json; }
run v13-all "$GOLD" /tmp/v12-store
run v13-S "$OUT/partS.jsonl" /tmp/v12-store
run v13-N "$OUT/partN.jsonl" /tmp/v12-store
run v13-S-seedstore "$OUT/partS.jsonl" /tmp/seed-store
date -u
