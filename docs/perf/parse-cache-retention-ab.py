import gc, json, sys, time, os
import qa.nlp as N
keep = int(sys.argv[1])
if keep: N.DOCS = N.DocCache(keep)
from qa.engine import Engine
gct = [0.0]; t0 = [0.0]
def cb(phase, info):
    if phase == "start": t0[0] = time.process_time()
    else: gct[0] += time.process_time() - t0[0]
rows = [json.loads(l) for l in open("/tmp/perf-bench/scifact-report/gold.jsonl")][:50]
e = Engine("/tmp/perf-sf-store").warm()
for q in ("How many were sent?", "Who said it?"): e.ask(q)
gc.callbacks.append(cb)
c = time.process_time()
for r in rows: e.ask(r["question"])
first = time.process_time() - c
c = time.process_time()
for r in rows: e.ask(r["question"])
second = time.process_time() - c
print(json.dumps({"keep": keep or N.MAX_DOCS, "first_pass_cpu_s": round(first, 2), "second_pass_cpu_s": round(second, 2), "gc_cpu_s": round(gct[0], 3), "docs": len(N.DOCS), "load": os.getloadavg()[0]}))
