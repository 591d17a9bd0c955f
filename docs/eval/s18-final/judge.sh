#!/usr/bin/env bash
# usage: docs/eval/s18-final/judge.sh CHECKOUT TAG GOLD  -- the v12 judge on checkout WT: whole set and its two parts (S: seed articles,
# N: RealTimeQA tune-week news) on the combined store /tmp/v12-store
# SET (default g12; session 19: SET=g13) picks the id prefix g<N>-s / g<N>-n and names the runs v<N>-*.
# (factqa index build seeds/ <RealTimeQA tune bench>/corpus.jsonl --store /tmp/v12-store), part S also on the seed store. Aggregates only.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
WT=$1; TAG=$2; GOLD=$3; SET=${SET:-g12}; V=v${SET#g}; OUT=/tmp/judge-$TAG; mkdir -p $OUT
cd "$WT"; export PYTHONPATH=$PWD HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 TOKENIZERS_PARALLELISM=false OMP_WAIT_POLICY=PASSIVE
PY=${PY:-$WT/.venv/bin/python}
date -u; uptime
grep "\"id\": \"$SET-s" "$GOLD" > $OUT/partS.jsonl; grep "\"id\": \"$SET-n" "$GOLD" > $OUT/partN.jsonl
run() { $PY -m ui.cli eval --gold "$2" --store "$3" --out $OUT/$1 --quiet > $OUT/$1.log 2>&1 || echo "$1 FAILED"; $PY $HERE/../s17-final/sumline.py $1 $OUT/$1/metrics.json; }
run $V-all "$GOLD" /tmp/v12-store
run $V-S "$OUT/partS.jsonl" /tmp/v12-store
run $V-N "$OUT/partN.jsonl" /tmp/v12-store
run $V-S-seedstore "$OUT/partS.jsonl" /tmp/seed-store
date -u
