"""Fit the verdict model (``qa.verdict_model``) on tune splits only, and write its weights.

    python -m qa.eval.train_verdict            # -> qa/data/verdict_weights.json

Reads the tune splits of AVeriTeC (claims 0-199), Climate-FEVER (claim_id < 500) and SciFact
(claims_train), each prepared by ``qa.eval.bench`` into the bench work folder (``--work``,
default ``$FACTQA_BENCH_WORK`` or ``<tmp>/factqa-bench``) and indexed there with MiniLM (the
stores ``make bench`` builds; built here when missing). For every claim it runs the engine's
retrieval and slot alignment (``qa.claims.judge_all``) and takes ``qa.verdict_model.claim_features``;
features are cached in the work folder (``verdict-features-<dataset>-tune.npz``).

Model: multinomial logistic regression (scikit-learn, lbfgs, fixed ``random_state``), each dataset
weighted equally; C and the class-weight exponent chosen by stratified 5-fold cross-validation on
the tune data (mean of the per-dataset macro-F1). The weights file records the command, the
data read (file, claims, sha256), C, and the cross-validated scores of the rule/model policies.
Inference needs only numpy. No report split is read.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import logging
import os
import sys
import time
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

DATASETS = ("averitec", "climate-fever", "scifact")
CLASSES = ("supported", "refuted", "conflicting", "not_enough_evidence")
SEED = 0
C_GRID = (0.03, 0.1, 0.3, 1.0, 3.0)
# Class weights (n / (k * n_class)) ** ALPHA: 0 = none, 1 = fully balanced (favours rare verdicts).
ALPHA_GRID = (0.0, 0.5, 1.0)


def store_dir(name: str, split: str, work: Path) -> tuple[Path, Path]:
    """(gold folder, store folder) of a dataset split. AVeriTeC and SciFact share one corpus between
    their splits, so their tune claims are checked against the store built for the report folder."""
    from qa.eval.benchmarks import ensure_store, prepared

    gold_dir = prepared(name, work, split)
    corpus_dir = prepared(name, work, "report") if name in ("averitec", "scifact") else gold_dir
    store = ensure_store(corpus_dir / "corpus.jsonl", corpus_dir / "store-minilm", "minilm")
    return gold_dir, store


def extract(name: str, split: str, work: Path, refresh: bool = False, limit: int | None = None) -> dict:
    """Features, gold labels and rule verdicts of every claim of one split (cached)."""
    from qa.verdict_model import BASE_FEATURES

    cache = work / f"verdict-features-{name}-{split}.npz"
    key = hashlib.sha256(json.dumps(BASE_FEATURES).encode()).hexdigest()[:12]
    if cache.is_file() and not refresh:
        data = dict(np.load(cache, allow_pickle=False))
        if str(data.get("key")) == key:
            return data
    from qa.claims import judge_all, rule_verdict
    from qa.engine import CLAIM_CANDIDATES, Engine
    from qa.eval.evaluate import load_gold
    from qa.retrieve import diversify, retrieve
    from qa.verdict_model import base_features, top_texts

    gold_dir, store = store_dir(name, split, work)
    items = load_gold(gold_dir / "gold.jsonl")[:limit]
    engine = Engine(store)
    engine.warm()
    rows, labels, rules, ids, claims, tops = [], [], [], [], [], []
    t = time.perf_counter()
    for i, item in enumerate(items):
        r = retrieve(engine.store, engine.embedder, item["question"], mode=engine.mode)
        cands = diversify(r.evidence, CLAIM_CANDIDATES, per_article=3)
        cf, frames, stances = judge_all(item["question"], cands, engine.store, engine.words)
        rule, _ = rule_verdict(stances)
        rows.append(base_features(cf, stances, frames, rule.value))
        claims.append(item["question"])
        tops.append("\x1e".join(top_texts(stances, frames)))
        labels.append(item["verdict"])
        rules.append(rule.value)
        ids.append(item["id"])
        if (i + 1) % 50 == 0:
            log.info("%s %s: %d/%d claims (%.0f s)", name, split, i + 1, len(items), time.perf_counter() - t)
    data = {"X": np.array(rows), "y": np.array(labels), "rule": np.array(rules), "ids": np.array(ids),
            "claims": np.array(claims), "tops": np.array(tops),
            "key": np.array(key), "gold": np.array(str(gold_dir / "gold.jsonl"))}
    tmp = cache.with_name(cache.name + ".tmp.npz")
    np.savez(tmp, **data)
    os.replace(tmp, cache)
    return data


def macro_f1(y_true, y_pred) -> float:
    from sklearn.metrics import f1_score

    labels = sorted(set(y_true) | set(y_pred))
    return float(f1_score(y_true, y_pred, labels=labels, average="macro", zero_division=0))


def _weights(groups: np.ndarray) -> np.ndarray:
    """Each dataset counts the same in the fit, whatever its number of claims."""
    names, counts = np.unique(groups, return_counts=True)
    per = {n: len(groups) / (len(names) * c) for n, c in zip(names, counts)}
    return np.array([per[g] for g in groups])


def _fit(X, y, groups, C: float, alpha: float):
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    scaler = StandardScaler().fit(X)
    names, counts = np.unique(y, return_counts=True)
    cw = {n: (len(y) / (len(names) * c)) ** alpha for n, c in zip(names, counts)}
    model = LogisticRegression(C=C, max_iter=3000, random_state=SEED)
    model.fit(scaler.transform(X), y, sample_weight=_weights(groups) * np.array([cw[v] for v in y]))
    return scaler, model


def apply_policy(policy: str, model_pred: np.ndarray, rule: np.ndarray, exact: np.ndarray) -> np.ndarray:
    """model: the model everywhere; exact: rules where an exact slot decided; rules: the rules
    whenever they commit, else the model (``shipped`` in ``cross_validate`` adds the probability gate)."""
    if policy == "model":
        return model_pred
    keep = exact if policy == "exact" else rule != "not_enough_evidence"
    keep = keep | (rule == "conflicting")
    return np.where(keep, rule, model_pred)


def cross_validate(X, y, groups, rule, exact, C: float, alpha: float, folds: int = 5) -> dict:
    from sklearn.model_selection import StratifiedKFold

    from qa.claims import VerdictConfig

    pred = np.empty(len(y), dtype=object)
    prob = np.zeros(len(y))
    strata = np.char.add(groups.astype(str), y.astype(str))
    for tr, te in StratifiedKFold(folds, shuffle=True, random_state=SEED).split(X, strata):
        scaler, model = _fit(X[tr], y[tr], groups[tr], C, alpha)
        proba = model.predict_proba(scaler.transform(X[te]))
        pred[te] = model.classes_[proba.argmax(axis=1)]
        prob[te] = proba.max(axis=1)
    out = {}
    tau = VerdictConfig().model_min_probability
    for policy in ("model", "exact", "rules", "shipped"):
        if policy == "shipped":  # as qa.claims.decide: rules when they commit, else the model if p >= tau
            p = np.where((rule == "not_enough_evidence") & (prob >= tau), pred.astype(str), rule)
        else:
            p = apply_policy(policy, pred.astype(str), rule, exact)
        per = {g: {"accuracy": round(float(np.mean(p[groups == g] == y[groups == g])), 3),
                   "macro_f1": round(macro_f1(list(y[groups == g]), list(p[groups == g])), 3)}
               for g in np.unique(groups)}
        out[policy] = {"per_dataset": per, "mean_macro_f1": round(float(np.mean([v["macro_f1"] for v in per.values()])), 3)}
    rules_only = {g: round(macro_f1(list(y[groups == g]), list(rule[groups == g])), 3) for g in np.unique(groups)}
    out["rules_only_macro_f1"] = rules_only
    return out


def _exact_mask(X: np.ndarray) -> np.ndarray:
    """Claims where an exact slot (figure, place, time, actor) decided the rule verdict."""
    from qa.verdict_model import FEATURES

    idx = [FEATURES.index(f) for f in ("ref_figure", "ref_place", "ref_time", "ref_actor", "sup_figure")]
    return X[:, idx].max(axis=1) > 0


def train(work: Path, out: Path, datasets: tuple[str, ...] = DATASETS, refresh: bool = False) -> dict:
    from qa.verdict_model import FEATURES

    from qa.verdict_model import cue_features

    parts = {name: extract(name, "tune", work, refresh) for name in datasets}
    X = np.vstack([np.hstack([p["X"], np.array([cue_features(str(c), str(t).split("\x1e"))
                                                for c, t in zip(p["claims"], p["tops"])])])
                   for p in parts.values()])
    y = np.concatenate([p["y"] for p in parts.values()]).astype(str)
    rule = np.concatenate([p["rule"] for p in parts.values()]).astype(str)
    groups = np.concatenate([[n] * len(p["y"]) for n, p in parts.items()])
    exact = _exact_mask(X)
    grid = [(C, a) for C in C_GRID for a in ALPHA_GRID]
    cv = {g: cross_validate(X, y, groups, rule, exact, *g) for g in grid}
    best = max(grid, key=lambda g: (cv[g]["model"]["mean_macro_f1"], -g[0]))
    best_C, best_alpha = best
    scaler, model = _fit(X, y, groups, best_C, best_alpha)
    classes = [str(c) for c in model.classes_]
    scale = np.where(scaler.scale_ > 0, scaler.scale_, 1.0)
    data = []
    for name, p in parts.items():
        gold = Path(str(p["gold"]))
        data.append({"dataset": name, "split": "tune", "claims": int(len(p["y"])), "gold": gold.name,
                     "gold_sha256": hashlib.sha256(gold.read_bytes()).hexdigest() if gold.is_file() else None})
    result = {
        "command": "python -m qa.eval.train_verdict " + " ".join(sys.argv[1:]),
        "model": "multinomial logistic regression (scikit-learn LogisticRegression, lbfgs; class weights "
                 "(n / (k n_class)) ** alpha; datasets weighted equally)",
        "seed": SEED, "C": best_C, "alpha": best_alpha, "classes": classes, "features": list(FEATURES),
        "mean": [round(float(v), 8) for v in scaler.mean_], "scale": [round(float(v), 8) for v in scale],
        "coef": [[round(float(v), 8) for v in row] for row in model.coef_],
        "intercept": [round(float(v), 8) for v in model.intercept_],
        "data": data, "cv_5fold": {f"C={C},alpha={a}": cv[(C, a)] for C, a in grid},
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    tmp.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    os.replace(tmp, out)
    return result


def main(argv: list[str] | None = None) -> int:
    from qa.eval.benchmarks import default_work
    from qa.verdict_model import WEIGHTS

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    p = argparse.ArgumentParser(prog="python -m qa.eval.train_verdict", description=__doc__.split("\n\n")[0])
    p.add_argument("--work", type=Path, default=None, help="bench work folder (default: $FACTQA_BENCH_WORK or <tmp>/factqa-bench)")
    p.add_argument("--out", type=Path, default=WEIGHTS, help="weights file (default: %(default)s)")
    p.add_argument("--datasets", default=",".join(DATASETS), help="comma-separated tune sets (default: %(default)s)")
    p.add_argument("--refresh", action="store_true", help="recompute cached features")
    a = p.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="[%(asctime)s] %(message)s", datefmt="%H:%M:%S")
    datasets = tuple(d.strip() for d in a.datasets.split(",") if d.strip())
    bad = [d for d in datasets if d not in DATASETS]
    if bad:
        p.error(f"unknown dataset {bad[0]!r}; choose from {', '.join(DATASETS)}")
    res = train(a.work or default_work(), a.out, datasets, a.refresh)
    best = res["cv_5fold"][f"C={res['C']},alpha={res['alpha']}"]
    print(json.dumps({"C": res["C"], "alpha": res["alpha"], "cv": best}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
