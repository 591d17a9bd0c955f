"""Warm ``ask`` latency on one store, for comparing two versions of the engine on a busy machine.

    python qa/eval/ask_latency.py --store STORE --gold seeds/gold.jsonl [-n 50] [--repeat 3] [--stages]

Runs as a file (not ``-m``) so that ``PYTHONPATH`` decides which engine is imported: run it once with
this worktree first on the path and once with another checkout, alternately, and compare the
ratio of the p50s taken in the same period (absolute milliseconds on shared cores mean little;
the load average is printed with each run). Prints one JSON line.

A gold file with claims only (SciFact) has its claims asked as questions. ``first_pass`` is each
question's first ``ask`` (its evidence sentences parsed by spaCy for the first time, as for a new
question on a store too large to parse at warm-up); ``p50_ms`` / ``p95_ms`` are over the median of
``--repeat`` passes (parses cached). ``--stages`` adds the engine's own retrieve / answer timings.
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
    ap.add_argument("--stages", action="store_true", help="also the engine's retrieve / answer timings (p50)")
    args = ap.parse_args()
    from qa.engine import Engine

    qs = [json.loads(line)["question"] for line in open(args.gold, encoding="utf-8") if line.strip()]
    kinds = [json.loads(line).get("kind") for line in open(args.gold, encoding="utf-8") if line.strip()]
    qs = ([q for q, k in zip(qs, kinds) if k != "claim"] or qs)[: args.n]
    engine = Engine(args.store)
    t = time.perf_counter()
    engine.warm()
    warm_s = time.perf_counter() - t
    for q in ("How many were sent?", "Who said it?"):
        engine.ask(q)
    per_q: list[list[float]] = [[] for _ in qs]
    cpu_q: list[list[float]] = [[] for _ in qs]  # process CPU (all threads) per call
    stages: dict[str, list[float]] = {"first_retrieve": [], "first_answer": [], "retrieve": [], "answer": []}
    cpu0 = time.process_time()
    for p in range(args.repeat + 1):  # pass 0: every question's first ask
        for i, q in enumerate(qs):
            t, c = time.perf_counter(), time.process_time()
            ans = engine.ask(q)
            per_q[i].append((time.perf_counter() - t) * 1000)
            cpu_q[i].append((time.process_time() - c) * 1000)
            for k in ("retrieve", "answer"):
                stages[("first_" if p == 0 else "") + k].append(float(ans.timings_ms.get(k, 0.0)))
    cpu_s = time.process_time() - cpu0
    first = sorted(v[0] for v in per_q)
    med = sorted(statistics.median(v[1:]) for v in per_q)

    def pct(xs: list[float], q: float) -> float:
        xs = sorted(xs)
        return round(xs[min(len(xs) - 1, int(len(xs) * q))], 2)

    out = {"engine": __import__("qa").__file__, "store": args.store, "n": len(qs), "repeat": args.repeat,
           "p50_ms": pct(med, 0.5), "p95_ms": pct(med, 0.95),
           "first_pass": {"p50_ms": pct(first, 0.5), "p95_ms": pct(first, 0.95),
                          "cpu_p50_ms": pct([v[0] for v in cpu_q], 0.5)},
           "cpu_p50_ms": pct([statistics.median(v[1:]) for v in cpu_q], 0.5),
           "cpu_ms_per_ask": round(cpu_s * 1000 / max(1, len(qs) * (args.repeat + 1)), 2),
           "warm_s": round(warm_s, 2), "loadavg": os.getloadavg()}
    if args.stages:
        out["stages_p50_ms"] = {k: pct(v, 0.5) for k, v in stages.items() if v}
    print(json.dumps(out))


if __name__ == "__main__":
    main()
