#!/bin/bash
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 TOKENIZERS_PARALLELISM=false OMP_WAIT_POLICY=PASSIVE
B=${BASE:-/tmp/perf-s14/base}; A=${BRANCH:-/work/wt-perf}; PY="nice -n 10 /work/main/.venv/bin/python"
SF=/tmp/perf-sf-store; SFG=/tmp/perf-bench/scifact-report/gold.jsonl
O=/work/wt-perf/docs/perf
for who in base after; do
  d=$B; [ $who = after ] && d=$A
  (cd $d && PYTHONPATH=$d $PY $A/qa/eval/answer_path_bench.py parses --store /tmp/s12-final-seed --gold seeds/gold.jsonl -n 50 2>/dev/null) > $O/parses-seed-$who.json
  (cd $d && PYTHONPATH=$d $PY $A/qa/eval/answer_path_bench.py parses --store $SF --gold $SFG -n 50 2>/dev/null) > $O/parses-scifact-$who.json
done
(cd $A && PYTHONPATH=$A $PY -m qa.eval.answer_path_bench role --sentences $SF/gen-*/sentences.jsonl /tmp/scale-100k/store-file/gen-*/sentences.jsonl 2>/dev/null) > $O/role-index.json
(cd $A && PYTHONPATH=$A $PY -m qa.eval.answer_path_bench fold --store $SF --gold $SFG -n 200 2>/dev/null) > $O/fold-scifact.json
(cd $A && PYTHONPATH=$A $PY -m qa.eval.answer_path_bench fold --store /tmp/s12-final-seed --gold seeds/gold.jsonl -n 200 2>/dev/null) > $O/fold-seed.json
echo done
