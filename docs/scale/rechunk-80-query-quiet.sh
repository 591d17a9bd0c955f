#!/bin/bash
# the 118,111-chunk store alone, same questions, on a quiet machine
cd /work/wt-perf
export PYTHONPATH=$PWD HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 TOKENIZERS_PARALLELISM=false OMP_WAIT_POLICY=PASSIVE
/usr/bin/time -v nice -n 10 /work/main/.venv/bin/python -m qa.eval.scale_query --store /tmp/perf-100k/store-80 \
    --gold /tmp/scale-100k/gold-mixed.jsonl --n 100 --no-vocabulary \
    --out docs/scale/rechunk-80-query-quiet.json > /tmp/perf-100k/query-quiet.out 2> /tmp/perf-100k/query-quiet.err
echo "rc $?" >> /tmp/perf-100k/query-quiet.out
