"""Engine-level grid over answer-core settings on RealTimeQA: search each question once, compose the
answer under every setting (``Engine._search`` then ``Engine._compose``, as ``ask`` does).

    python -m qa.eval.rtqa_grid --split tune --work /tmp/gold-bench \\
        --grid answer_per_article=1,2 typed_context_first=false,true answer_window=0.2,0.3

Scores as ``qa.eval.realtimeqa_run`` does (the answer text holds the right choice; a question without
search results is right when refused). Prints one line per setting: overall, answerable right,
answerable refused, short answers that hold the right choice, and the same per quiz week (``weeks``:
for leave-one-week-out choices). NAME is a ``qa.config.Config``, ``TimeConfig``, ``RetrievalConfig`` or ``SpanConfig``
field (a retrieval setting searches again: ``qa.engine``'s ``retrieve`` with that config). Each
question is asked on its quiz date (``as_of``, as ``qa.eval.evaluate`` does) unless ``--no-as-of``.
Tune split only for choosing.
"""
from __future__ import annotations

import argparse
import functools
import itertools
import json
import sys
from dataclasses import fields
from pathlib import Path


def _parse(kind, raw: str):
    if kind in (bool, "bool"):
        if raw.lower() not in {"true", "false", "1", "0"}:
            raise ValueError(f"{raw!r} is not true/false")
        return raw.lower() in {"true", "1"}
    if kind in (int, "int"):
        return int(float(raw))
    return float(raw)


def grid(spec: list[str]) -> list[dict]:
    from qa.config import Config, RetrievalConfig, SpanConfig, TimeConfig

    types = {f.name: f.type for f in fields(Config)} | {f.name: f.type for f in fields(TimeConfig)} | \
        {f.name: f.type for f in fields(RetrievalConfig)} | {f.name: f.type for f in fields(SpanConfig)}
    axes = []
    for item in spec:
        name, _, values = item.partition("=")
        if name not in types or not values:
            raise SystemExit(f"--grid takes NAME=V1,V2 with NAME a qa.config.Config, TimeConfig, RetrievalConfig or SpanConfig "
                             f"field; got {item!r}")
        axes.append([(name, _parse(types[name], v)) for v in values.split(",")])
    return [dict(combo) for combo in itertools.product(*axes)] or [{}]


def main(argv: list[str] | None = None) -> int:
    from index.offline import set_defaults

    set_defaults()
    p = argparse.ArgumentParser(prog="python -m qa.eval.rtqa_grid", description=__doc__.split("\n\n")[0])
    p.add_argument("--split", required=True, choices=("tune", "report"))
    p.add_argument("--work", type=Path, required=True, help="prepared data and store (as for qa.eval.realtimeqa_run)")
    p.add_argument("--grid", nargs="*", default=[], help="NAME=V1,V2 ... (qa.config.Config fields)")
    p.add_argument("--no-as-of", action="store_true", help="ask without the quiz date (recency from the newest article)")
    a = p.parse_args(argv)
    import qa.engine
    from dataclasses import replace

    from qa.config import DEFAULT, SPANS, Config, RetrievalConfig, SpanConfig, TimeConfig
    from qa.retrieve import retrieve
    from qa.eval.evaluate import item_date
    from qa.eval import metrics as M
    from qa.eval.baseline import make_engine
    from qa.eval.benchmarks import ensure_store
    from qa.eval.realtimeqa_run import prepared_realtimeqa

    settings = grid(a.grid)
    data = prepared_realtimeqa(a.work, a.split)
    engine = make_engine(ensure_store(data / "corpus.jsonl", data / "store-minilm", "minilm"), "hybrid")
    engine.warm(vocabulary=False)
    gold = [json.loads(line) for line in (data / "gold.jsonl").read_text(encoding="utf-8").splitlines() if line]
    core = {f.name for f in fields(Config)}
    ret = {f.name for f in fields(RetrievalConfig)}
    span = {f.name for f in fields(SpanConfig)}
    searched: dict[str, list] = {}
    for setting in settings:
        rset = {k: v for k, v in setting.items() if k in ret}
        key = json.dumps(rset, sort_keys=True)
        if key not in searched:  # retrieval settings: search again (qa.engine's retrieve with this config)
            qa.engine.retrieve = functools.partial(retrieve, cfg=RetrievalConfig(**rset))
            searched[key] = [engine._search(g["question"], None, None if a.no_as_of else item_date(g)) for g in gold]
        found = searched[key]
        engine.config = DEFAULT.with_(**{k: v for k, v in setting.items() if k in core})
        engine.time_config = TimeConfig(**{k: v for k, v in setting.items() if k not in core | ret | span})
        engine.span_config = replace(SPANS, **{k: v for k, v in setting.items() if k in span})
        right = ans_right = refused = short = 0
        weeks: dict[str, list[int]] = {}  # week -> [overall right, answerable right, answerable refused, n]
        for g, f in zip(gold, found):
            out = engine._compose(f)
            w = weeks.setdefault(str(g.get("week", "")), [0, 0, 0, 0])
            w[3] += 1
            if g["kind"] == "unanswerable":
                right += not out.answerable
                w[0] += not out.answerable
                continue
            ok = out.answerable and M.alias_match(out.answer, [g["answer"]])
            right += ok
            ans_right += ok
            refused += not out.answerable
            w[0] += ok
            w[1] += ok
            w[2] += not out.answerable
            short += ok and M.alias_match(out.short_answer or "", [g["answer"]])
        print(json.dumps({"split": a.split, "setting": setting, "overall": right, "n": len(gold),
                          "answerable_n": sum(g["kind"] != "unanswerable" for g in gold),
                          "answerable_right": ans_right, "answerable_refused": refused, "short_right": short,
                          "weeks": weeks}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
