#!/bin/bash
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 TOKENIZERS_PARALLELISM=false OMP_WAIT_POLICY=PASSIVE
run() {  # name dir store gold
  (cd $2 && PYTHONPATH=$2 nice -n 10 /work/main/.venv/bin/python -m qa.eval.ask_latency --store $3 --gold $4 -n 50 --repeat 3 --stages 2>/dev/null) | python3 -c "import json,sys; d=json.load(sys.stdin); d['who']='$1'; d['uptime_before']='$(uptime | sed 's/.*load/load/')'; print(json.dumps(d))"
}
B=${BASE:-/tmp/perf-s14/base}; A=${BRANCH:-/work/wt-perf}  # BASE: git archive c1b56db, unpacked
SF=/tmp/perf-sf-store; SFG=/tmp/perf-bench/scifact-report/gold.jsonl
for i in 1 2 3; do
  run seed-base $B /tmp/s12-final-seed seeds/gold.jsonl; run seed-after $A /tmp/s12-final-seed seeds/gold.jsonl
  run seed-after $A /tmp/s12-final-seed seeds/gold.jsonl; run seed-base $B /tmp/s12-final-seed seeds/gold.jsonl
done
run sf-base $B $SF $SFG; run sf-after $A $SF $SFG; run sf-after $A $SF $SFG; run sf-base $B $SF $SFG
run sf-after $A $SF $SFG; run sf-base $B $SF $SFG; run sf-base $B $SF $SFG; run sf-after $A $SF $SFG  # second SciFact round, appended
