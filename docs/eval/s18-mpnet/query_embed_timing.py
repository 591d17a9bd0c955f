"""Query embedding time per model and runtime: each of 50 seed questions encoded alone (after 5 warm-up calls)."""
import json, os, statistics, sys, time
from index.embed import get_embedder
qs = [json.loads(l)["question"] for l in open("seeds/gold_v11.jsonl") if l.strip()][:50]
for spec in sys.argv[1:]:
    m, rt = spec.split(":")
    e = get_embedder(m, rt)
    t = time.perf_counter(); e.encode(["warm up"]); load = time.perf_counter() - t
    for q in qs[:5]: e.encode([q])
    ts = []
    for q in qs:
        t = time.perf_counter(); e.encode([q]); ts.append(1000 * (time.perf_counter() - t))
    ts.sort()
    print(json.dumps({"model": m, "runtime": rt, "load_s": round(load, 1), "p50_ms": round(statistics.median(ts), 1),
                      "p95_ms": round(ts[int(0.95 * len(ts))], 1), "loadavg": os.getloadavg()[0]}), flush=True)
