"""Warm ``ask`` latency on one store, for comparing two versions of the engine on a busy machine.

    python qa/eval/ask_latency.py --store STORE --gold seeds/gold.jsonl [-n 50] [--repeat 3]

Runs as a file (not ``-m``) so that ``PYTHONPATH`` decides which engine is imported: run it once with
this worktree first on the path and once with another checkout, alternately, and compare the
ratio of the p50s taken in the same period (absolute milliseconds on shared cores mean little;
the load average is printed with each run). Prints one JSON line.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import time


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--store", required=True)
    ap.add_argument("--gold", required=True)
    ap.add_argument("-n", type=int, default=50, help="first N non-claim questions of the gold file")
    ap.add_argument("--repeat", type=int, default=3, help="passes over the questions (the median of each is kept)")
    args = ap.parse_args()
    from qa.engine import Engine

    qs = [json.loads(line)["question"] for line in open(args.gold, encoding="utf-8") if line.strip()]
    kinds = [json.loads(line).get("kind") for line in open(args.gold, encoding="utf-8") if line.strip()]
    qs = [q for q, k in zip(qs, kinds) if k != "claim"][: args.n]
    engine = Engine(args.store)
    t = time.perf_counter()
    engine.warm()
    warm_s = time.perf_counter() - t
    for q in ("How many were sent?", "Who said it?"):
        engine.ask(q)
    per_q: list[list[float]] = [[] for _ in qs]
    for _ in range(args.repeat):
        for i, q in enumerate(qs):
            t = time.perf_counter()
            engine.ask(q)
            per_q[i].append((time.perf_counter() - t) * 1000)
    med = sorted(statistics.median(v) for v in per_q)
    print(json.dumps({"engine": __import__("qa").__file__, "n": len(qs), "repeat": args.repeat,
                      "p50_ms": round(med[len(med) // 2], 2), "p95_ms": round(med[int(len(med) * 0.95) - 1], 2),
                      "warm_s": round(warm_s, 2), "loadavg": os.getloadavg()}))


if __name__ == "__main__":
    main()
