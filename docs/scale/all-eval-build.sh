#!/bin/bash
# the 100k-class build: file store, onnx runtime, nice 10; load average sampled every 30 s
cd /work/wt-scale
export PYTHONPATH=$PWD HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 TOKENIZERS_PARALLELISM=false OMP_WAIT_POLICY=PASSIVE
( while true; do echo "$(date -u +%H:%M:%S) $(cat /proc/loadavg)"; sleep 30; done ) > /tmp/scale-100k/loadavg.log &
SAMPLER=$!
echo "start $(date -u +%FT%TZ) $(git rev-parse --short HEAD)" > /tmp/scale-100k/build.times
/usr/bin/time -v nice -n 10 /work/main/.venv/bin/factqa index build /tmp/scale-100k/corpus.jsonl --store /tmp/scale-100k/store-file --runtime onnx > /tmp/scale-100k/build.out 2> /tmp/scale-100k/build.err
echo "rc $? end $(date -u +%FT%TZ)" >> /tmp/scale-100k/build.times
kill $SAMPLER
