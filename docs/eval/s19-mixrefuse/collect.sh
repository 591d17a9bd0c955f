#!/usr/bin/env bash
# Session 19 (mixrefuse): the refusal rows of the tune sets on both stores and the RealTimeQA tune weeks.
# usage: bash docs/eval/s19-mixrefuse/collect.sh OUTDIR   (run from the worktree; reads /tmp/seed-store,
# /tmp/v12-store and /tmp/gold-bench/realtimeqa-tune, which the lead built; writes OUTDIR/rows-*.jsonl)
set -e
OUT=${1:-/tmp/mixrefuse}; mkdir -p "$OUT"
export PYTHONPATH=$PWD HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 TOKENIZERS_PARALLELISM=false OMP_WAIT_POLICY=PASSIVE
PY=${PY:-/work/main/.venv/bin/python}
nice -n 5 $PY -m qa.eval.train_refusal --store /tmp/seed-store --sets v3 v4 v5 v6 v7 v8 v9 v10 v11 \
  --store-tag seed --cache "$OUT/rows-seed.jsonl" --collect-only
nice -n 5 $PY -m qa.eval.train_refusal --store /tmp/v12-store --sets v3 v4 v5 v6 v7 v8 v9 v10 v11 v12 \
  --store-tag mixed --cache "$OUT/rows-mixed.jsonl" --collect-only
# the RealTimeQA tune weeks only (no seed set): --sets with no value
nice -n 5 $PY -m qa.eval.train_refusal --store /tmp/seed-store --sets --rtqa-work /tmp/gold-bench \
  --cache "$OUT/rows-rtqa.jsonl" --collect-only
