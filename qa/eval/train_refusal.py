"""Fit the answerability model of ``qa.refusal_model`` on tune splits only; report leave-one-set-out CV.

    python -m qa.eval.train_refusal --store /tmp/s12-final-seed --rtqa-work W [--cache C.jsonl] [--out F]

Sets (all tune splits): the non-claim items of seeds/gold_v3.jsonl .. gold_v8.jsonl and the RealTimeQA tune
weeks (``W/realtimeqa-tune``, as ``qa.eval.rtqa_grid --split tune`` prepares them). gold.jsonl is in-sample and
gold_v9 the unseen judge: neither is read. Each item is answered twice: with the rule cascade (``Config()``) and
with the refusal branch open (``refusal_model`` on, ``refusal_min_p=0``: later refusals, figures and typed spans,
still apply); its signals (``qa.refusal.Signals``) are traced. The model's outcome at a threshold t is then
exact without a third run: a name no article mentions is refused by rule; p(answerable) < t refuses; else the
open run's answer. Label: the gold item is answerable (1) or not (0).

For each set held out, a logistic regression (standardised features, ``--C``, balanced classes) is fitted on
the other sets and its threshold chosen there (most answerable items right plus unanswerables refused, summed
over the training sets; ties: the higher threshold); the held-out set's scores are printed next to the rules'.
The weights written (``--out``, default qa/data/refusal_weights.json) are fitted on every set, with the
threshold chosen on every set; ``Config.refusal_min_p`` must equal it (a test checks).
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

SEED_SETS = ("v3", "v4", "v5", "v6", "v7", "v8")
THRESHOLDS = tuple(round(0.05 * i, 2) for i in range(1, 20))
OUT = Path(__file__).resolve().parents[1] / "data" / "refusal_weights.json"


def _signals_of(trace: list, question: str):
    """The traced signals of the question as asked (a compound question is composed part by part: the whole's
    entry when there is one, else its first part's)."""
    for q, sig in trace:
        if q == question:
            return sig
    return trace[0][1] if trace else None


def _row(name: str, item_id: str, answerable: bool, sig, rules: tuple[bool, bool], opened: tuple[bool, bool]) -> dict:
    from qa.refusal_model import features

    return {"set": name, "id": item_id, "answerable": answerable, "absent": bool(sig.absent) if sig else False,
            "features": features(sig) if sig else {}, "rules": rules, "open": opened}


def collect_seed(store: str, seeds: Path) -> list[dict]:
    """One row per non-claim item of the seed tune sets: (answered, right) under the rules and opened."""
    from qa.config import Config
    from qa.engine import Engine
    from qa.eval.evaluate import item_date
    from qa.eval.metrics import judge
    from qa.refusal import TRACE

    rules = Engine(store).warm()
    opened = Engine(store, config=Config().with_(refusal_model=True, refusal_min_p=0.0))
    opened._store, opened._words, opened._names, opened._frames = rules._store, rules._words, rules._names, rules._frames
    rows = []
    for name in SEED_SETS:
        for line in (seeds / f"gold_{name}.jsonl").read_text(encoding="utf-8").splitlines():
            g = json.loads(line) if line.strip() else None
            if g is None or g["kind"] == "claim":
                continue
            trace: list = []
            token = TRACE.set(trace)
            try:
                a = rules.ask(g["question"], as_of=item_date(g)).to_dict()
            finally:
                TRACE.reset(token)
            b = opened.ask(g["question"], as_of=item_date(g)).to_dict()
            outcome = [(bool(p.get("answerable")), bool(judge(g, p, None)["answer_correct"])) for p in (a, b)]
            rows.append(_row(name, g["id"], g["kind"] != "unanswerable", _signals_of(trace, g["question"]), *outcome))
    return rows


def collect_rtqa(work: Path) -> list[dict]:
    """The same rows for the RealTimeQA tune weeks (scored as ``qa.eval.rtqa_grid`` scores them)."""
    from index.offline import set_defaults

    set_defaults()
    from qa.config import DEFAULT
    from qa.eval import metrics as M
    from qa.eval.baseline import make_engine
    from qa.eval.benchmarks import ensure_store
    from qa.eval.evaluate import item_date
    from qa.eval.realtimeqa_run import prepared_realtimeqa
    from qa.refusal import TRACE

    data = prepared_realtimeqa(work, "tune")
    engine = make_engine(ensure_store(data / "corpus.jsonl", data / "store-minilm", "minilm"), "hybrid")
    engine.warm(vocabulary=False)
    gold = [json.loads(line) for line in (data / "gold.jsonl").read_text(encoding="utf-8").splitlines() if line]
    rows = []
    for g in gold:
        found = engine._search(g["question"], None, item_date(g))
        outs = []
        trace: list = []
        for cfg in (DEFAULT, DEFAULT.with_(refusal_model=True, refusal_min_p=0.0)):
            engine.config = cfg
            token = TRACE.set(trace if cfg is DEFAULT else None)
            try:
                out = engine._compose(found)
            finally:
                TRACE.reset(token)
            right = (not out.answerable) if g["kind"] == "unanswerable" else \
                bool(out.answerable and M.alias_match(out.answer, [g["answer"]]))
            outs.append((bool(out.answerable), right))
        engine.config = DEFAULT
        rows.append(_row("rtqa-tune", g["id"], g["kind"] != "unanswerable", _signals_of(trace, g["question"]), *outs))
    return rows


def outcome(row: dict, p: float | None, t: float | None) -> tuple[bool, bool]:
    """(answered, right) of one item: the rules' when ``t`` is None, else the model's at threshold ``t``."""
    if t is None:
        return tuple(row["rules"])
    if row["absent"] or p < t:
        return False, not row["answerable"]
    return tuple(row["open"])


def score(rows: list[dict], ps: list[float | None], t: float | None) -> dict:
    """Answerable right / n, answerable refused, unanswerable caught / n."""
    s = {"right": 0, "answerable": 0, "refused": 0, "caught": 0, "unanswerable": 0}
    for row, p in zip(rows, ps):
        answered, right = outcome(row, p, t)
        if row["answerable"]:
            s["answerable"] += 1
            s["right"] += right
            s["refused"] += not answered
        else:
            s["unanswerable"] += 1
            s["caught"] += not answered
    return s


def _text(s: dict) -> str:
    return f"{s['right']}/{s['answerable']}, refused {s['refused']}, caught {s['caught']}/{s['unanswerable']}"


def fit(rows: list[dict], C: float):
    """(feature names, scaler, model) fitted on ``rows``."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    names = sorted(rows[0]["features"])
    X = np.array([[r["features"].get(n, 0.0) for n in names] for r in rows])
    y = np.array([int(r["answerable"]) for r in rows])
    scaler = StandardScaler().fit(X)
    scaler.scale_[scaler.scale_ == 0] = 1.0
    model = LogisticRegression(C=C, class_weight="balanced", max_iter=5000).fit(scaler.transform(X), y)
    return names, scaler, model


def predict(fitted, rows: list[dict]) -> list[float]:
    import numpy as np

    names, scaler, model = fitted
    X = np.array([[r["features"].get(n, 0.0) for n in names] for r in rows])
    return list(model.predict_proba(scaler.transform(X))[:, 1])


def choose_threshold(rows: list[dict], ps: list[float]) -> float:
    """The threshold with most right outcomes (answerable right + unanswerable caught) on ``rows``."""
    def key(t: float) -> tuple[int, float]:
        s = score(rows, ps, t)
        return s["right"] + s["caught"], t
    return max(THRESHOLDS, key=key)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m qa.eval.train_refusal", description=__doc__.split("\n\n")[0])
    ap.add_argument("--store", required=True, help="seed store")
    ap.add_argument("--seeds", type=Path, default=Path("seeds"), help="folder holding gold_v3.jsonl .. gold_v8.jsonl")
    ap.add_argument("--rtqa-work", type=Path, help="RealTimeQA work folder (tune split prepared); omitted: seed sets only")
    ap.add_argument("--cache", type=Path, help="rows read from here when it exists, else collected and written here")
    ap.add_argument("--C", type=float, default=0.3, help="inverse regularisation strength")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--no-write", action="store_true", help="print the CV only")
    a = ap.parse_args(argv)
    if a.cache and a.cache.exists():
        rows = [json.loads(line) for line in a.cache.read_text(encoding="utf-8").splitlines() if line]
    else:
        rows = collect_seed(a.store, a.seeds) + (collect_rtqa(a.rtqa_work) if a.rtqa_work else [])
        if a.cache:
            a.cache.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    sets = list(dict.fromkeys(r["set"] for r in rows))
    print("| held out (tune) | rules | model (fit and threshold on the other sets) | threshold |\n|---|---|---|---|")
    cv = {}
    for held in sets:
        train = [r for r in rows if r["set"] != held]
        test = [r for r in rows if r["set"] == held]
        fitted = fit(train, a.C)
        t = choose_threshold(train, predict(fitted, train))
        rules, model = score(test, [None] * len(test), None), score(test, predict(fitted, test), t)
        cv[held] = {"rules": rules, "model": model, "threshold": t}
        print(f"| {held} | {_text(rules)} | {_text(model)} | {t} |")
    fitted = fit(rows, a.C)
    ps = predict(fitted, rows)
    t = choose_threshold(rows, ps)
    print(f"\nfitted on all sets ({', '.join(sets)}): threshold {t}; in-sample {_text(score(rows, ps, t))}, "
          f"rules {_text(score(rows, [None] * len(rows), None))}")
    names, scaler, model = fitted
    for n, c in sorted(zip(names, model.coef_[0]), key=lambda x: -abs(x[1]))[:10]:
        print(f"  {n:28s} {c:+.3f}")
    if not a.no_write:
        a.out.write_text(json.dumps({
            "model": "logistic regression (scikit-learn, lbfgs, balanced classes) on standardised signals",
            "command": "python -m qa.eval.train_refusal " + " ".join(argv if argv is not None else __import__("sys").argv[1:]),
            "sets": sets, "C": a.C, "threshold": t, "features": names, "mean": list(scaler.mean_),
            "scale": list(scaler.scale_), "coef": list(model.coef_[0]), "intercept": float(model.intercept_[0]),
            "cv": cv}, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {a.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
