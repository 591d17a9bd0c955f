"""check latency on the seed tune claims v3-v9: python docs/bench/claims-s16/check_latency.py STORE LABEL (run from the checkout to time, PYTHONPATH=it). Prints the p50 / p95 of each check's process CPU time (less disturbed by other jobs on a shared machine than wall time)."""
import json, sys, time, statistics
from qa.engine import Engine
eng = Engine(sys.argv[1]); eng.warm()
claims = [d['question'] for v in range(3, 10) for d in map(json.loads, open(f'/work/main/seeds/gold_v{v}.jsonl')) if d.get('kind') == 'claim']
for c in claims[:20]: eng.check(c)
ts = []
for c in claims:
    t = time.process_time(); eng.check(c); ts.append((time.process_time() - t) * 1000)
ts.sort()
print(sys.argv[2], 'n', len(ts), 'cpu p50 %.1f ms p95 %.1f ms' % (statistics.median(ts), ts[int(0.95 * len(ts))]))
