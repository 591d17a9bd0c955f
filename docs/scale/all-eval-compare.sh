#!/bin/bash
# waits for the all-corpora file build, then copies it into Milvus Lite and measures both
cd /work/wt-scale
export PYTHONPATH=$PWD HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 TOKENIZERS_PARALLELISM=false OMP_WAIT_POLICY=PASSIVE
while ! grep -q "^rc " /tmp/scale-100k/build.times; do sleep 10; done
grep -q "rc 0" /tmp/scale-100k/build.times || { echo "build failed" > /tmp/scale-100k/after.log; exit 1; }
echo "compare start $(date -u +%FT%TZ)" >> /tmp/scale-100k/build.times
/usr/bin/time -v nice -n 10 /work/main/.venv/bin/python -m qa.eval.scale_compare --file-store /tmp/scale-100k/store-file --milvus milvus:/tmp/scale-100k/milvus.db --gold /tmp/scale-100k/gold-mixed.jsonl --copy --no-verify --no-vocabulary --n 100 --exact-sample 100 --out /tmp/scale-100k/all-eval.json > /tmp/scale-100k/after.log 2>&1
echo "compare rc $? end $(date -u +%FT%TZ)" >> /tmp/scale-100k/build.times
