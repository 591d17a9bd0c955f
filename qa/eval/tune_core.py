"""Sweep answer-core thresholds (``qa.config.Config``) on a tune set; print a table.

    python -m qa.eval.tune_core --gold seeds/gold.jsonl --store STORE --set v2 \
        --grid min_score=0.40,0.45 paraphrase_dense=0.5,0.55

Only non-claim items are asked. Accuracy is ``qa.eval.metrics.judge``'s ``answer_correct``; the table
also gives accuracy on answerable items and the share of unanswerable items caught. Use tune sets
only (gold v2 is the tune set of the answer core; v1 is in-sample and guards against regression;
RealTimeQA tune weeks go through ``python -m qa.eval.realtimeqa_run --split tune``).
"""
from __future__ import annotations

import argparse
import json

from qa.eval.metrics import judge
from qa.eval.rtqa_grid import grid  # one --grid parser (types from qa.config.Config; bools read true/false)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", required=True)
    ap.add_argument("--store", required=True)
    ap.add_argument("--set", action="append", help="only items of this set (v1 = items without one); repeatable")
    ap.add_argument("--grid", nargs="*", default=[], help="name=v1,v2 ... (Config or TimeConfig fields)")
    args = ap.parse_args()
    from dataclasses import fields

    from qa.config import Config, TimeConfig
    from qa.engine import Engine

    items = [json.loads(line) for line in open(args.gold, encoding="utf-8") if line.strip()]
    items = [g for g in items if g["kind"] != "claim" and (not args.set or g.get("set", "v1") in args.set)]
    base = Engine(args.store).warm()
    sets = sorted({g.get("set", "v1") for g in items})
    print("| setting | " + " | ".join(f"acc {s}" for s in sets) + " | acc answerable | unanswerable caught |")
    print("|---|" + "---|" * (len(sets) + 2))
    for changes in grid(args.grid):
        core = {f.name for f in fields(Config)}  # the rest are TimeConfig fields (qa.eval.rtqa_grid.grid)
        engine = Engine(args.store, config=Config().with_(**{k: v for k, v in changes.items() if k in core}),
                        time_config=TimeConfig(**{k: v for k, v in changes.items() if k not in core}))
        engine._store, engine._words, engine._names, engine._frames = base._store, base._words, base._names, base._frames
        res = [(g, judge(g, engine.ask(g["question"]).to_dict(), None)) for g in items]
        ans = [j["answer_correct"] for g, j in res if g["kind"] != "unanswerable"]
        una = [j["answer_correct"] for g, j in res if g["kind"] == "unanswerable"]
        per = []
        for name in sets:
            js = [j["answer_correct"] for g, j in res if g.get("set", "v1") == name]
            per.append(f"{sum(js) / len(js):.3f}")
        print(f"| {changes or 'default'} | {' | '.join(per)} | {sum(ans) / max(1, len(ans)):.3f} | "
              f"{sum(una)}/{len(una)} |", flush=True)


if __name__ == "__main__":
    main()
