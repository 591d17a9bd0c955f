"""Fit the answerability model of ``qa.refusal_model`` on tune splits only; report leave-one-set-out CV.

    python -m qa.eval.train_refusal --store /tmp/s12-final-seed --rtqa-work W --rank-rtqa-work R \
        [--cache C.jsonl] [--rank-cache P.pkl] [--rank-signals] [--out F]

Sets (all tune splits): the non-claim items of seeds/gold_v3.jsonl .. gold_v10.jsonl (v9 and v10, the judges of
sessions 15 and 16, are tune sets since) and the RealTimeQA tune weeks (``W/realtimeqa-tune``, as ``qa.eval.rtqa_grid
--split tune`` prepares them). gold.jsonl is in-sample and is not read; neither is any later, unseen gold set.
``--collect-only`` writes the rows (``--cache``) and stops: ``python -m qa.eval.refusal_loso`` reads them.
``--sets`` picks the seed tune sets (default v3..v12: v12's news questions need the mixed store, so give the seed
store v3..v11) and ``--store-tag`` names the store in the rows ("seed", "mixed"): rows of several stores are read
together (several ``--cache`` files) and a set is held out on every store at once (session 19,
docs/eval/s19-mixrefuse.md; ``bash docs/eval/s19-mixrefuse/collect.sh`` collects all three caches). Each item is answered twice: with the rule cascade (``Config()``) and
with the refusal branch open (``refusal_model`` on, ``refusal_min_p=0``: later refusals, figures and typed spans,
still apply); its signals (``qa.refusal.Signals``) are traced. The model's outcome at a threshold t is then
exact without a third run: a name no article mentions is refused by rule; p(answerable) < t refuses; else the
open run's answer. Label: the gold item is answerable (1) or not (0).

For each set held out, a logistic regression (standardised features, ``--C``, balanced classes) is fitted on
the other sets and its threshold chosen there (most answerable items right plus unanswerables refused, summed
over the training sets; ties: the higher threshold); the held-out set's scores are printed next to the rules'.
The weights written (``--out``, default qa/data/refusal_weights.json) are fitted on every set, with the
threshold chosen on every set; ``Config.refusal_min_p`` must equal it (a test checks).

The evidence ranker's view (``qa.refusal_model.RANK_FEATURES``: its best probability, margin, the first
candidate's, whether the best holds the typed span) is traced as the ranker's feature rows (``Signals.rank_x``).
The ranker (``qa.eval.train_rank``) was fitted on the same tune sets, so for each held-out set the view is
recomputed with a ranker refitted without it (``--rank-rtqa-work``, ``--rank-cache``: its data; its C and mode
are the shipped weights'); the table shows the model without the view, with it, and with the shipped
(leaking) ranker. ``--rank-signals``: the written model reads the view too.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

SEED_SETS = ("v3", "v4", "v5", "v6", "v7", "v8", "v9", "v10", "v11", "v12")
THRESHOLDS = tuple(round(0.05 * i, 2) for i in range(1, 20))
OUT = Path(__file__).resolve().parents[1] / "data" / "refusal_weights.json"


def _signals_of(trace: list, question: str):
    """The traced signals of the question as asked (a compound question is composed part by part: the whole's
    entry when there is one, else its first part's)."""
    for q, sig in trace:
        if q == question:
            return sig
    return trace[0][1] if trace else None


def _row(name: str, item_id: str, answerable: bool, sig, rules: tuple[bool, bool], opened: tuple[bool, bool],
         codes: tuple[str | None, str | None] = (None, None), store: str = "") -> dict:
    """``codes``: the refusal code of the rules' run and of the open run (None: answered). ``store``: a tag of
    the store the item was answered on ("seed", "mixed"; qa.eval.refusal_loso holds a set out on every store)."""
    from qa.refusal_model import features

    return {"set": name, "store": store, "id": item_id, "answerable": answerable, "absent": bool(sig.absent) if sig else False,
            "features": features(sig) if sig else {}, "rules": rules, "open": opened, "codes": list(codes),
            "typed": bool(sig.typed) if sig else False, "rank_x": [list(r) for r in sig.rank_x] if sig else []}


def _code(pred: dict) -> str | None:
    return (pred.get("refusal") or {}).get("code") if not pred.get("answerable") else None


def collect_seed(store: str, seeds: Path, sets: tuple[str, ...] = SEED_SETS, tag: str = "",
                 part: Path | None = None) -> list[dict]:
    """One row per non-claim item of the seed tune sets: (answered, right) under the rules and opened.
    ``part``: each set's rows are appended there as it is done, and sets already there are not asked again."""
    from qa.config import Config
    from qa.engine import Engine
    from qa.eval.evaluate import item_date
    from qa.eval.metrics import judge
    from qa.refusal import TRACE

    rules = Engine(store).warm()
    opened = Engine(store, config=Config().with_(refusal_model=True, refusal_min_p=0.0))
    opened._store, opened._words, opened._names, opened._frames = rules._store, rules._words, rules._names, rules._frames
    rows = [json.loads(line) for line in part.read_text(encoding="utf-8").splitlines() if line] \
        if part is not None and part.exists() else []
    done = {r["set"] for r in rows}
    for name in sets:
        if name in done:
            continue
        new = []
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
            new.append(_row(name, g["id"], g["kind"] != "unanswerable", _signals_of(trace, g["question"]), *outcome,
                            codes=(_code(a), _code(b)), store=tag))
        rows += new
        if part is not None:
            with part.open("a", encoding="utf-8") as fh:
                fh.write("".join(json.dumps(r) + "\n" for r in new))
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
        codes = []
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
            ref = out.refusal if out.refusal is None or isinstance(out.refusal, dict) else out.refusal.to_dict()
            codes.append((ref or {}).get("code") if not out.answerable else None)
        engine.config = DEFAULT
        rows.append(_row("rtqa-tune", g["id"], g["kind"] != "unanswerable", _signals_of(trace, g["question"]), *outs,
                         codes=tuple(codes), store="rtqa"))
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


def fit(rows: list[dict], C: float, drop: tuple[str, ...] = ()):
    """(feature names, scaler, model) fitted on ``rows`` (without the features in ``drop``)."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    names = sorted(n for n in rows[0]["features"] if n not in drop)
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


def ranker_sets(held: str, rank_sets: list[str]) -> list[str]:
    """The ranker's training sets (``qa.eval.train_rank``) without the held-out refusal set: seed "v6" is
    "gold_v6"; "rtqa-tune" is every RealTimeQA tune week."""
    if held == "rtqa-tune":
        return [s for s in rank_sets if not s.startswith("rtqa_tune")]
    return [s for s in rank_sets if s != f"gold_{held}"]


def with_ranker(rows: list[dict], model) -> list[dict]:
    """``rows`` with their rank features recomputed by ``model`` (a ``qa.rank.RankModel``) from their rows."""
    from qa.refusal import rank_view
    from qa.refusal_model import rank_features

    out = []
    for r in rows:
        v = rank_view(r["rank_x"], model)
        out.append(r | {"features": r["features"] | rank_features(r["typed"], v.best_p, v.margin, v.first_p,
                                                                  v.best_typed)})
    return out


def fold_rankers(a, sets: list[str]) -> dict:
    """Per held-out refusal set, the evidence ranker refitted without it (the shipped ranker's C and mode)."""
    from qa.eval import train_rank as TR
    from qa.rank import WEIGHTS as RANK_WEIGHTS, RankModel

    shipped = json.loads(RANK_WEIGHTS.read_text(encoding="utf-8"))
    data, _ = TR._cached(a.rank_cache, a.store, a.rank_rtqa_work or a.rtqa_work)
    return {held: RankModel.from_dict(TR.fit(data, ranker_sets(held, list(data)), shipped["C"], shipped["mode"]))
            for held in sets}


def separation(held_out: list[dict]) -> list[str]:
    """Among the items the rules answer (a name no article mentions aside): how well each signal tells the
    answerable from the unanswerable (ROC AUC, 0.5 = not at all), seed tune sets and RealTimeQA tune weeks
    apart; and what refusing those with the ranker's best probability below t would add."""
    from sklearn.metrics import roc_auc_score

    answered = [r for r in held_out if r["rules"][0] and not r["absent"]]
    lines = [f"items the rules answer: {len(answered)}, unanswerable among them: "
             f"{sum(not r['answerable'] for r in answered)}"]
    for name, rs in (("seed v3..v8", [r for r in answered if r["set"] != "rtqa-tune"]),
                     ("RTQA tune", [r for r in answered if r["set"] == "rtqa-tune"])):
        y = [int(r["answerable"]) for r in rs]
        if len(set(y)) == 2:
            lines.append(f"  {name} ({len(y) - sum(y)} unanswerable / {len(y)}) AUC: " + ", ".join(
                f"{f} {roc_auc_score(y, [r['features'].get(f, 0.0) for r in rs]):.3f}"
                for f in ("rank_best_p", "rank_margin", "rank_first_p", "rank_best_typed", "top", "top_dense",
                          "found_dense")))
    for t in (0.2, 0.3, 0.4, 0.5):
        low = [r for r in answered if r["features"].get("rank_best_p", 0.0) < t]
        lines.append(f"  on top of the rules, refuse when rank_best_p < {t}: +{sum(not r['answerable'] for r in low)}"
                     f" caught, +{sum(r['answerable'] for r in low)} answerable refused "
                     f"({sum(r['answerable'] and r['rules'][1] for r in low)} of them answered right)")
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m qa.eval.train_refusal", description=__doc__.split("\n\n")[0])
    ap.add_argument("--store", required=True, help="seed store")
    ap.add_argument("--seeds", type=Path, default=Path("seeds"), help="folder holding gold_v3.jsonl .. gold_v8.jsonl")
    ap.add_argument("--rtqa-work", type=Path, help="RealTimeQA work folder (tune split prepared); omitted: seed sets only")
    ap.add_argument("--cache", type=Path, nargs="+", help="rows read from here when it exists, else collected and written "
                    "here (several: every one read, they must exist; qa.eval.refusal_loso's tables per store)")
    ap.add_argument("--no-rank", action="store_true",
                    help="no ranker refitted per fold (no --rank-cache needed): the CV of the model alone")
    ap.add_argument("--drop", nargs="*", default=[], help="signals the written model does not read")
    ap.add_argument("--C", type=float, default=0.3, help="inverse regularisation strength")
    ap.add_argument("--rank-rtqa-work", type=Path, help="the ranker's RealTimeQA work folder (default --rtqa-work)")
    ap.add_argument("--rank-cache", type=Path, help="qa.eval.train_rank's feature cache (pickle)")
    ap.add_argument("--rank-signals", action="store_true",
                    help="the written model reads the ranker's view too (the CV table shows both either way)")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--no-write", action="store_true", help="print the CV only")
    ap.add_argument("--collect-only", action="store_true", help="write --cache and stop (qa.eval.refusal_loso reads it)")
    ap.add_argument("--sets", nargs="*", default=list(SEED_SETS), help="seed tune sets (v3 = seeds/gold_v3.jsonl)")
    ap.add_argument("--store-tag", default="", help="the store's tag in the rows (seed, mixed)")
    a = ap.parse_args(argv)
    from qa.eval.refusal_loso import load as load_rows

    if a.cache and (len(a.cache) > 1 or a.cache[0].exists()):
        rows = [r for c in a.cache for r in load_rows(c)]
    else:
        a.cache = a.cache[0] if a.cache else None
        seed_part = a.cache.with_suffix(".seed.jsonl") if a.cache else None
        # a run that stopped part way resumes after the last set it finished
        rows = collect_seed(a.store, a.seeds, tuple(a.sets), a.store_tag, seed_part) if a.sets else []
        rows += collect_rtqa(a.rtqa_work) if a.rtqa_work else []
        if a.cache:
            a.cache.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    if a.collect_only:
        return 0
    sets = list(dict.fromkeys(r["set"] for r in rows))
    from qa.rank import default_model
    from qa.refusal_model import RANK_FEATURES

    if a.no_rank:
        return _model_only(rows, sets, a, argv)
    rankers = fold_rankers(a, sets)
    rows = with_ranker(rows, default_model())  # the shipped ranker (fitted on every set): what runs
    print("Leave-one-set-out, tune splits. model: the refusal's signals; +rank: with the ranker's view, the ranker "
          "refitted without the held-out set; +rank (shipped ranker): the ranker fitted on every set (leaks)\n")
    print("| held out (tune) | rules | model | t | model + rank | t | model + rank (shipped ranker) | t |\n"
          "|---|---|---|---|---|---|---|---|")
    cv = {}
    held_out = []
    for held in sets:
        held_out += [r for r in with_ranker(rows, rankers[held]) if r["set"] == held]
        test_rows = [r for r in rows if r["set"] == held]
        res = {"rules": score(test_rows, [None] * len(test_rows), None)}
        for key, data, drop in (("model", rows, RANK_FEATURES), ("rank", with_ranker(rows, rankers[held]), ()),
                                ("rank_shipped", rows, ())):
            train = [r for r in data if r["set"] != held]
            test = [r for r in data if r["set"] == held]
            fitted = fit(train, a.C, drop)
            t = choose_threshold(train, predict(fitted, train))
            res[key] = score(test, predict(fitted, test), t) | {"threshold": t}
        cv[held] = res
        print(f"| {held} | {_text(res['rules'])} | {_text(res['model'])} | {res['model']['threshold']} | "
              f"{_text(res['rank'])} | {res['rank']['threshold']} | {_text(res['rank_shipped'])} | "
              f"{res['rank_shipped']['threshold']} |")
    for key in ("rules", "model", "rank", "rank_shipped"):
        tot = {k: sum(cv[h][key][k] for h in sets if h != "rtqa-tune") for k in cv[sets[0]]["rules"]}
        print(f"seed tune sets, {key}: {_text(tot)}")
    print("\nDoes the ranker's view tell answerable from not (held-out rankers)?")
    print("\n".join(separation(held_out)))
    fitted = fit(rows, a.C, () if a.rank_signals else RANK_FEATURES)
    ps = predict(fitted, rows)
    t = choose_threshold(rows, ps)
    print(f"\nfitted on all sets ({', '.join(sets)}), {'with' if a.rank_signals else 'without'} the shipped "
          f"ranker's view: threshold {t}; in-sample "
          f"{_text(score(rows, ps, t))}, rules {_text(score(rows, [None] * len(rows), None))}")
    names, scaler, model = fitted
    for n, c in sorted(zip(names, model.coef_[0]), key=lambda x: -abs(x[1]))[:10]:
        print(f"  {n:28s} {c:+.3f}")
    if not a.no_write:
        _write(a, argv, sets, t, fitted, cv)
    return 0


def _model_only(rows: list[dict], sets: list[str], a, argv) -> int:
    """Leave-one-set-out of the model without the ranker's view (a set held out on every store), then the
    model fitted on every set; written unless ``--no-write``."""
    from qa.refusal_model import RANK_FEATURES

    drop = tuple(RANK_FEATURES) + tuple(a.drop)
    print("| held out (tune, every store) | rules | model | t |\n|---|---|---|---|")
    cv = {}
    for held in sets:
        train = [r for r in rows if r["set"] != held]
        test = [r for r in rows if r["set"] == held]
        fitted = fit(train, a.C, drop)
        t = choose_threshold(train, predict(fitted, train))
        cv[held] = {"rules": score(test, [None] * len(test), None),
                    "model": score(test, predict(fitted, test), t) | {"threshold": t}}
        print(f"| {held} | {_text(cv[held]['rules'])} | {_text(cv[held]['model'])} | {t} |")
    fitted = fit(rows, a.C, drop)
    ps = predict(fitted, rows)
    t = choose_threshold(rows, ps)
    print(f"\nfitted on all sets ({', '.join(sets)}): threshold {t}; in-sample {_text(score(rows, ps, t))}, "
          f"rules {_text(score(rows, [None] * len(rows), None))}")
    if not a.no_write:
        _write(a, argv, sets, t, fitted, cv)
    return 0


def _write(a, argv, sets: list[str], t: float, fitted, cv: dict) -> None:
    """The weights file: the fitted model, the threshold chosen on every set, the command and the CV."""
    import sys

    names, scaler, model = fitted
    a.out.write_text(json.dumps({
        "model": "logistic regression (scikit-learn, lbfgs, balanced classes) on standardised signals",
        "command": "python -m qa.eval.train_refusal " + " ".join(argv if argv is not None else sys.argv[1:]),
        "sets": sets, "C": a.C, "threshold": t, "features": names, "mean": list(scaler.mean_),
        "scale": list(scaler.scale_), "coef": list(model.coef_[0]), "intercept": float(model.intercept_[0]),
        "cv": cv}, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {a.out}")


if __name__ == "__main__":
    raise SystemExit(main())
