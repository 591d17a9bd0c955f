#!/bin/bash
# one.sh GOLDFILE TAG OVJSON CHECKOUT... : one short gold file on the mixed store at each checkout (OV: RetrievalConfig overrides)
G=$1; T=$2; export OV=$3; shift 3
for d in "$@"; do
  cd /tmp/debt/$d; export PYTHONPATH=$PWD HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 TOKENIZERS_PARALLELISM=false OMP_WAIT_POLICY=PASSIVE
  nice -n 5 /work/main/.venv/bin/python /work/wt-debt/docs/eval/s18-mixstore/evalov.py eval --gold $G --store /tmp/v12-store --out /tmp/debt/$T-$d --quiet > /tmp/debt/$T-$d.log 2>&1
  echo "$d: $(python3 -c "import json; d=json.loads(open('/tmp/debt/$T-$d/predictions.jsonl').readline()); print(d['answerable'], repr(d['short_answer']), repr(d['answer'][:200]))")"
done
