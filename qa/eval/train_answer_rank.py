"""Fit the answer ranker (``qa.rank``) on the RealTimeQA *tune* split; write its weights.

    python -m qa.eval.train_answer_rank --work /tmp/gold-bench --out qa/data/answer_rank_weights.json

For every answerable tune question, the candidate sentences ``Engine.ask`` reads (retrieval, with
instruction sentences removed; the best ``--top-n``) get ``qa.rank.answer_features``; a sentence is
a positive when it holds the quiz's right choice (``qa.eval.metrics.alias_match``, the benchmark's
own test). Questions with no positive among their candidates teach no ranking and are left out.
Model: binary logistic regression (scikit-learn, lbfgs, L2 ``C``, balanced class weights, fixed
seed) on standardised features. The weights JSON records the data, the command and a
leave-one-week-out check: how often the best re-ranked sentence (and one of the best three) holds
the answer, against retrieval's order. Only the tune split is read; never the report split.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

from qa.eval import metrics as M


def collect(work: Path, top_n: int) -> list[dict]:
    from qa.answer import _instruction
    from qa.engine import Engine
    from qa.eval.benchmarks import ensure_store
    from qa.eval.realtimeqa_run import prepared_realtimeqa
    from qa.parse import question_doc, question_frame
    from qa.rank import answer_features
    from qa.reader import Reader
    from qa.timeline import time_focus

    data = prepared_realtimeqa(work, "tune")
    from qa.config import DEFAULT

    engine = Engine(ensure_store(data / "corpus.jsonl", data / "store-minilm", "minilm"),
                    config=DEFAULT.with_(answer_ranker=True))  # the search then embeds the asking sentence
    engine.warm(vocabulary=False)
    gold = [json.loads(line) for line in (data / "gold.jsonl").read_text(encoding="utf-8").splitlines() if line]
    out = []
    for item in gold:
        if item["kind"] == "unanswerable" or not item.get("evidence"):
            continue
        found = engine._search(item["question"], None)
        reader = Reader(found.store, engine._frames)
        ev = [e for e in found.retrieval.evidence if not _instruction(reader, e)][:top_n]
        qf = question_frame(found.query)
        cands = answer_features(qf, ev, reader, engine.dates, time_focus(question_doc(found.query)), engine.time_config,
                                  found.retrieval.ask_vector)
        labels = [int(M.alias_match(c.evidence.sentence.text, [item["answer"]])) for c in cands]
        out.append({"id": item["id"], "week": item["week"], "x": [list(c.features) for c in cands], "y": labels})
    return out


def fit(rows: list[dict], c: float):
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    x = np.array([v for r in rows for v in r["x"]], float)
    y = np.array([v for r in rows for v in r["y"]])
    sc = StandardScaler().fit(x)
    scale = np.where(sc.scale_ > 1e-12, sc.scale_, 1.0)
    lr = LogisticRegression(C=c, class_weight="balanced", max_iter=2000, random_state=0).fit((x - sc.mean_) / scale, y)
    return sc.mean_, scale, lr.coef_[0], float(lr.intercept_[0])


def hits(rows: list[dict], model=None, cap: float = 1.0) -> tuple[int, int]:
    """(questions whose best sentence holds the answer, ... whose best three do)."""
    from qa.rank import AnswerRanker

    h1 = h3 = 0
    for r in rows:
        x = np.array(r["x"], float)
        s = x[:, 0].copy()
        if model is not None:
            rk = AnswerRanker(tuple(), *model)
            z = rk.logits(x)
            per = rk.coef[0] / rk.scale[0]
            s = s + np.clip((z - z.mean() - (s - s.mean()) * per) / per, -cap, cap)
        order = np.argsort(-s, kind="stable")
        y = np.array(r["y"])
        h1 += int(y[order[0]])
        h3 += int(y[order[:3]].any())
    return h1, h3


def main(argv: list[str] | None = None) -> int:
    from index.offline import set_defaults

    set_defaults()
    p = argparse.ArgumentParser(prog="python -m qa.eval.train_answer_rank", description=__doc__.split("\n\n")[0])
    p.add_argument("--work", type=Path, required=True, help="prepared RealTimeQA data and store (tune split)")
    p.add_argument("--out", type=Path, required=True, help="weights JSON to write")
    p.add_argument("--top-n", type=int, default=25)
    p.add_argument("--c", type=float, default=0.3, help="inverse L2 strength")
    p.add_argument("--cap", type=float, default=0.15, help="largest score adjustment (checked here only)")
    p.add_argument("--cache", type=Path, default=None, help="features JSON to reuse / write")
    p.add_argument("--features", default=None, help="comma-separated subset of qa.rank.FEATURES (default: all); "
                   "the first must be score")
    a = p.parse_args(argv)
    from qa.rank import FEATURES

    if a.cache and a.cache.is_file():
        rows = json.loads(a.cache.read_text(encoding="utf-8"))
    else:
        rows = collect(a.work, a.top_n)
        if a.cache:
            a.cache.write_text(json.dumps(rows), encoding="utf-8")
    names = tuple(a.features.split(",")) if a.features else FEATURES
    if names[0] != "score" or not set(names) <= set(FEATURES):
        p.error(f"--features must start with score and name only qa.rank.FEATURES: {', '.join(FEATURES)}")
    idx = [FEATURES.index(n) for n in names]
    rows = [dict(r, x=[[v[i] for i in idx] for v in r["x"][: a.top_n]], y=r["y"][: a.top_n]) for r in rows]
    usable = [r for r in rows if any(r["y"])]
    weeks = sorted({r["week"] for r in usable})
    cv = {"retrieval": [0, 0], "ranker": [0, 0]}
    for w in weeks:
        train = [r for r in usable if r["week"] != w]
        test = [r for r in usable if r["week"] == w]
        for k, model in (("retrieval", None), ("ranker", fit(train, a.c))):
            h1, h3 = hits(test, model, a.cap)
            cv[k][0] += h1
            cv[k][1] += h3
    mean, scale, coef, icpt = fit(usable, a.c)
    doc = {"features": list(names), "mean": mean.tolist(), "scale": scale.tolist(), "coef": coef.tolist(),
           "intercept": icpt,
           "fitted_on": f"RealTimeQA tune split: {len(usable)} answerable questions with the answer among their "
                        f"best {a.top_n} candidates, {sum(len(r['y']) for r in usable)} sentences",
           "model": f"binary logistic regression (scikit-learn lbfgs, C={a.c}, balanced, random_state=0)",
           "leave_one_week_out": {"questions": len(usable), "cap": a.cap,
                                  "retrieval_order_top1_top3": cv["retrieval"], "ranker_top1_top3": cv["ranker"]},
           "command": "python -m qa.eval.train_answer_rank " + " ".join(sys.argv[1:] if argv is None else argv)}
    a.out.parent.mkdir(parents=True, exist_ok=True)
    a.out.write_text(json.dumps(doc, indent=1) + "\n", encoding="utf-8")
    print(json.dumps({k: doc[k] for k in ("fitted_on", "leave_one_week_out")}, indent=1))
    print(dict(zip(names, np.round(coef, 3).tolist())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
