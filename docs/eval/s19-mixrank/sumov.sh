#!/usr/bin/env bash
# sumsets.sh with a RetrievalConfig override, run from a source snapshot (SRC, default /tmp/mixrank/src: a git
# archive of the commit measured).  usage: sumov.sh STORE TAG OVJSON sets...
STORE=$1; TAG=$2; export OV=$3; shift 3
cd ${SRC:-/tmp/mixrank/src}; export PYTHONPATH=$PWD HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 TOKENIZERS_PARALLELISM=false OMP_WAIT_POLICY=PASSIVE
PY=/work/main/.venv/bin/python
for s in "$@"; do
  nice -n 5 $PY docs/eval/s19-mixrank/evalov.py eval --gold seeds/$s.jsonl --store "$STORE" --out /tmp/sum-$TAG-$s --quiet >/tmp/sum-$TAG-$s.log 2>&1 || { echo "$s FAILED"; continue; }
  $PY /work/notes/sumline.py $s /tmp/sum-$TAG-$s/metrics.json
done
