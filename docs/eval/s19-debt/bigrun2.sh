#!/bin/bash
one() { nice -n 5 /work/notes/sumsets.sh $1 /tmp/v12-store $2 $3 >> /tmp/debt/$4.txt 2>&1; }
one /tmp/debt/c-final debt-mfin gold mfin
one /tmp/debt/c-final debt-mfin gold_v3 mfin
one /tmp/debt/base debt-mbase gold_v12 mbase
one /tmp/debt/c-final debt-mfin gold_v12 mfin
for pair in "base:base" "c-final:fin"; do d=${pair%%:*}; l=${pair##*:}
  (cd /tmp/debt/$d && PYTHONPATH=/tmp/debt/$d HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 TOKENIZERS_PARALLELISM=false OMP_WAIT_POLICY=PASSIVE \
   nice -n 5 /work/main/.venv/bin/python -m qa.eval.realtimeqa_run --split tune --work /tmp/gold-bench --out /tmp/debt/rtqa --label debt-$l --modes hybrid > /tmp/debt/rtqa-$l.log 2>&1; echo "EXIT $?" >> /tmp/debt/rtqa-$l.log)
done
for s in gold_v4 gold_v5 gold_v6 gold_v7 gold_v8 gold_v9 gold_v10 gold_v11; do
  one /tmp/debt/base debt-mbase $s mbase
  one /tmp/debt/c-final debt-mfin $s mfin
done
echo ALLDONE > /tmp/debt/bigrun.done
