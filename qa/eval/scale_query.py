"""Query one or more built file stores in one run: load, retrieval scores, ``ask`` p50/p95 (docs/SCALE.md).

    python -m qa.eval.scale_query --store A --store B --gold GOLD.jsonl --n 100 --out docs/scale/x.json

For each store, one ``Engine``, loaded and warmed alike (``--no-vocabulary``: without embedding every
word of the store; then ``ask`` includes the coverage check's per-question word embedding, as in
``qa.eval.scale_compare``), with its load time and the RSS it added. Retrieval scores of the hybrid
retriever on every gold item with sources (``qa.eval.runtimes.retrieval_scores``). Then ``ask`` on the
first ``n`` questions, interleaved question by question (which store goes first alternates), so all see
the same machine load: the first pass (each question new to the engine) and a second pass (the same
questions again, evidence parses cached). The load average is recorded before and after.
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import resource
import sys
import time
from pathlib import Path

from qa.eval.scale_compare import _pct, _rss_mb

log = logging.getLogger(__name__)


def run(stores: list[str], gold: Path, n: int, vocabulary: bool) -> dict:
    from qa.engine import Engine
    from qa.eval.evaluate import load_gold
    from qa.eval.runtimes import retrieval_scores

    items = load_gold(gold)
    out: dict = {"loadavg_start": os.getloadavg(), "rss_start_mb": _rss_mb(), "stores": {}}
    engines = {}
    for spec in stores:
        rss, t = _rss_mb(), time.perf_counter()
        engines[spec] = Engine(spec).warm(vocabulary=vocabulary)
        out["stores"][spec] = {"load_and_warm_s": round(time.perf_counter() - t, 1),
                               "rss_added_by_load_mb": _rss_mb() - rss, **engines[spec].store.stats()}
    for spec, eng in engines.items():
        t = time.perf_counter()
        out["stores"][spec]["retrieval"] = retrieval_scores(eng.store, eng.embedder, items)
        out["stores"][spec]["retrieval"]["seconds"] = round(time.perf_counter() - t, 1)
    questions = [g["question"] for g in items][:n]
    for e in engines.values():  # untimed
        e.ask("How many were sent?")
    names = list(engines)
    out["loadavg_before_asks"] = os.getloadavg()
    for label in ("first_pass", "second_pass"):
        lat: dict[str, list[float]] = {k: [] for k in names}
        for i, q in enumerate(questions):
            for spec in (names if i % 2 == 0 else names[::-1]):
                t = time.perf_counter()
                engines[spec].ask(q)
                lat[spec].append((time.perf_counter() - t) * 1000)
        for spec in names:
            out["stores"][spec][f"ask_{label}"] = {"n": len(lat[spec]), "p50_ms": _pct(lat[spec], 50),
                                                   "p95_ms": _pct(lat[spec], 95)}
        out[f"loadavg_after_{label}"] = os.getloadavg()
    out["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--store", action="append", required=True, help="a file store (repeat for several)")
    p.add_argument("--gold", type=Path, required=True)
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--n", type=int, default=100, help="questions asked per store for latency")
    p.add_argument("--no-vocabulary", action="store_true", help="warm without embedding the stores' vocabulary")
    a = p.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    started = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    res = run(a.store, a.gold, a.n, not a.no_vocabulary)
    res = {"command": "python -m qa.eval.scale_query " + " ".join(argv if argv is not None else sys.argv[1:]),
           "started": started, "finished": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), **res}
    a.out.parent.mkdir(parents=True, exist_ok=True)
    a.out.write_text(json.dumps(res, indent=1) + "\n", encoding="utf-8")
    log.info("%s", json.dumps({k: {x: v.get(x) for x in ("chunks", "ask_first_pass", "ask_second_pass")}
                               for k, v in res["stores"].items()}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
