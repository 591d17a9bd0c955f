#!/bin/bash
# query the 118,111-chunk store (chunks <= 80 tokens) and the 51,228-chunk store it was re-chunked from,
# in one process, the same 100 questions interleaved (report splits of every benchmark: gold-mixed.jsonl)
cd /work/wt-perf
export PYTHONPATH=$PWD HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 TOKENIZERS_PARALLELISM=false OMP_WAIT_POLICY=PASSIVE
git rev-parse --short HEAD > /tmp/perf-100k/query.commit
/usr/bin/time -v nice -n 10 /work/main/.venv/bin/python -m qa.eval.scale_query --store /tmp/perf-100k/store-80 \
    --store /tmp/scale-100k/store-file --gold /tmp/scale-100k/gold-mixed.jsonl --n 100 --no-vocabulary \
    --out docs/scale/rechunk-80-query.json > /tmp/perf-100k/query.out 2> /tmp/perf-100k/query.err
echo "rc $?" >> /tmp/perf-100k/query.out
