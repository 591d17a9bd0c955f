"""Leave-one-set-out choice of the verdict model and its decision chain, and the shipped weights.

    python -m qa.eval.verdict_loso --seed-store /tmp/seed-store --work BENCH --out qa/data/verdict_weights.json

Data: the claim items of every seed gold set (seeds/gold.jsonl, gold_v3..v10: all tune sets), read on the seed store
as ``qa.engine.Engine.check`` reads them (``qa.eval.verdict_data.seed_claims``), and the tune splits of AVeriTeC
(claims 0-199), Climate-FEVER (claim_id < 500) and SciFact (train) (``qa.eval.verdict_data.extract``).

Folds: each seed set is held out in turn; its model is fitted on every other seed set and all the benchmark tune
claims. Each benchmark tune split is its own held-out group, split into ``BENCH_FOLDS`` stratified folds, each fitted on
the rest of that benchmark, every seed set and the other benchmarks (the report splits are drawn from the same claims,
so this is the estimate that matters for them).

A ``Setting`` is the model (C, class-weight exponent, the weight of the seed claims against one benchmark, a logit
offset of "not enough evidence") and the chain of ``qa.claims.decide`` (``qa.eval.train_verdict.Chain``). The
held-out verdicts of every setting are computed from the held-out probabilities with ``train_verdict.combine`` (which
reproduces ``decide`` exactly: checked against ``ui.cli eval`` predictions). ``OBJECTIVE`` picks one. Honest numbers:
``nested`` chooses the setting for each held-out seed set on the other seed sets' held-out verdicts only (the
held-out set's labels never choose its setting) and reports the sum of the held-out sets' scores. "before" scores a
weights file and its policy on the same folds (``--before``; pass the previous weights, e.g. ``git show
c4c4738:qa/data/verdict_weights.json``: its seed claims are then truly unseen).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import logging
import sys
from itertools import product
from pathlib import Path
from typing import NamedTuple

import numpy as np

from qa.eval.train_verdict import CLASSES, SEED, SUPPORT_LEVELS, write_weights
from qa.eval.verdict_scoring import (BENCH, MIXED_SETS, SEED_SETS, Grid, cm_f1, f1_rows, labelled, labelled_sets, pooled,  # noqa: F401 (re-exported)
                                     summary)

log = logging.getLogger(__name__)

BENCH_FOLDS = 5
C_GRID = (0.003, 0.01, 0.03)
ALPHA_GRID = (0.0, 0.5, 1.0)
SEED_WEIGHT_GRID = (3.0, 6.0)  # the seed claims' total weight, in units of one benchmark's (s17: 0 and 10 lower held out)
NEE_OFFSET_GRID = (0.0, -0.5, -1.0)  # added to the "not enough evidence" logit: below 0 the model commits more
# Session 18: the cost-sensitive part of the decision for macro-F1: logit offsets of "supported" and "refuted" (the fit
# favours the common verdicts: AVeriTeC is 61% refuted), chosen held out with the rest of the chain.
SUPPORTED_OFFSET_GRID = (0.0, -0.5, 0.5)
REFUTED_OFFSET_GRID = (0.0, -0.5, 0.5)
POLICIES = ("rules_first", "model_first")  # s17: settled_first scored as rules_first, exact_first lower
TAU_GRID = (0.0, 0.4, 0.5)
SUPPORTED_GRID = (0.0, 0.5)
NEEDS = ("none", "figures", "names", "every_slot")  # s17: one_unit lower held out
GUARD_GRID = (True,)  # the focus guard fixed on, as train_verdict --focus-guard on (a trust choice CV does not price)
SUBSTITUTION_GRID = (1.0,)  # s17: the swapped-value rule changed nothing held out; off
CONFLICTING_GRID = (1.0, 0.5, 0.35)  # the model's "conflicting" floor (1.0: never)
SOURCES_GRID = (True, False)  # the rules' "conflicting" needs differently attributed sources (False: any same-slot clash)
# Session 19: the model's "refuted" needs a refuting unit ("off": no; "always"; or only where the relevant units meet
# the claim at that support level), its "conflicting" needs disagreeing units from different articles ("any": no;
# "articles"; "slot_articles": on the same slot), and the rules' same-slot "conflicting" stands across articles
# without named sources (``articles``).
REFUTE_GRID = ("off", "always", "figures", "names", "every_slot", "one_unit")
MODEL_CONF_GRID = ("any", "articles", "slot_articles")
ARTICLES_GRID = (False, True)
OBJECTIVE = ("among the settings that keep each benchmark's held-out macro-F1 at least at the previous weights' "
             "(do no harm to a report split; when none does, the ones least short of them in sum), the best mean of (macro-F1 of the pooled held-out seed verdicts, mean held-out macro-F1 of the three benchmark "
             "tune splits: AVeriTeC, Climate-FEVER, SciFact); on ties "
             "within 0.005, the more held-out seed claims right, then the swapped-value refutation off (a rule must "
             "gain more than one item to stay), then the higher mean")


class Model(NamedTuple):
    C: float
    alpha: float
    seed_weight: float


class Chain(NamedTuple):
    nee_offset: float
    policy: str
    tau: float
    conflicting: float
    guard: bool
    supported: float
    needs: str
    substitution: float
    sup_offset: float = 0.0
    ref_offset: float = 0.0
    sources: bool = True
    refute: str = "off"
    model_conf: str = "any"
    articles: bool = False

    def config(self) -> dict:
        """The ``VerdictConfig.to_dict`` values this chain stands for (``nee_offset`` lives in the weights file)."""
        from qa.config import VerdictConfig

        return {"policy": self.policy, "model_min_probability": self.tau,
                "conflicting_min_probability": self.conflicting, "focus_guard": self.guard,
                "focus_similarity": VerdictConfig().focus_similarity, "supported_min_probability": self.supported,
                "support_needs": self.needs, "conflicting_needs_sources": self.sources,
                "substitution_min_probability": self.substitution,
                "refuted_needs_clash": self.refute != "off",
                "refuted_clash_when": self.refute if self.refute not in ("off", "always") else "none",
                "model_conflicting_needs": self.model_conf, "conflicting_across_articles": self.articles}


def load_seed(store: Path, sets: tuple[str, ...], cache: Path | None) -> dict:
    """The claim items of seed gold sets ``sets`` read on ``store`` (cached in ``cache``, keyed by the gold files and
    the feature code), with "group" (the set's stem)."""
    from qa.eval.verdict_data import feature_key, seed_claims
    from qa.verdict_features import FEATURES

    files = [Path("seeds") / f"{s}.jsonl" for s in sets]
    key = hashlib.sha256(b"".join(f.read_bytes() for f in files) + feature_key(FEATURES).encode()).hexdigest()[:12]
    if cache is not None and cache.is_file():
        d = dict(np.load(cache, allow_pickle=False))
        if str(d.get("key")) == key:
            return d
    seed = seed_claims(store, files)
    seed = {k: v for k, v in seed.items() if k != "sha256"}
    seed["group"] = np.array([Path(str(f)).stem for f in seed.pop("file")])
    seed["key"] = np.array(key)
    if cache is not None:
        np.savez(cache, **seed)
    return seed


def load(seed_store: Path, work: Path, cache: Path | None, mixed_store: Path | None = None) -> dict:
    """Every claim's features and decision columns, with "group" (seed set stem or benchmark) and "ok" (the verdicts
    counted right: gold and accepted). The seed sets of ``MIXED_SETS`` are read on ``mixed_store`` (left out
    without one), the others on ``seed_store``."""
    from qa.eval.verdict_data import extract

    on_seed = tuple(s for s in SEED_SETS if s not in MIXED_SETS)
    parts = [load_seed(seed_store, on_seed, cache)]
    if mixed_store is not None:
        mixed_cache = cache.with_name(cache.stem + "-mixed.npz") if cache is not None else None
        parts.append(load_seed(mixed_store, MIXED_SETS, mixed_cache))
    gold = {s: Path("seeds") / f"{s}.jsonl" for s in SEED_SETS if any((p["group"] == s).any() for p in parts)}
    for name in BENCH:
        b = extract(name, "tune", work)
        gold[name] = Path(str(b["gold"]))
        parts.append({**b, "group": np.array([name] * len(b["y"])), "accept": np.array([""] * len(b["y"]))})
    cols = ("X", "y", "accept", "rule", "exact", "unmentioned", "named", "slot_refuted", "swapped", "cross",
            "cross_slot", "group", "ids")
    out = {c: np.concatenate([np.asarray(p[c]) for p in parts]) for c in cols}
    out["y"] = out["y"].astype(str)
    out["rule"] = out["rule"].astype(str)
    out["ok"] = [{str(v), *str(a).split("|")} - {""} for v, a in zip(out["y"], out["accept"])]
    out["gold_files"] = gold
    return out


def weights(y: np.ndarray, group: np.ndarray, m: Model) -> np.ndarray:
    """Sample weights: each benchmark counts 1, the seed claims together ``seed_weight``; within, class weights
    (n / (k n_class)) ** alpha."""
    seed = np.isin(group, SEED_SETS)
    w = np.zeros(len(y))
    for g in set(group[~seed]):
        w[group == g] = len(y) / max(1, (group == g).sum())
    if seed.any():
        w[seed] = m.seed_weight * len(y) / seed.sum()
    names, counts = np.unique(y, return_counts=True)
    cw = {n: (len(y) / (len(names) * c)) ** m.alpha for n, c in zip(names, counts)}
    return w * np.array([cw[v] for v in y])


def fit(X, y, group, m: Model, drop: tuple[str, ...] = ()):
    """The model fitted on rows ``X``; features named in ``drop`` are held at 0 (their weights come out 0)."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    from qa.verdict_features import FEATURES

    if drop:
        X = X.copy()
        X[:, [FEATURES.index(f) for f in drop]] = 0.0
    w = weights(y, group, m)
    keep = w > 0
    scaler = StandardScaler().fit(X[keep])
    model = LogisticRegression(C=m.C, max_iter=5000, random_state=SEED)
    model.fit(scaler.transform(X[keep]), y[keep], sample_weight=w[keep])
    return scaler, model


def proba_of(scaler, model, X) -> np.ndarray:
    out = np.zeros((len(X), len(CLASSES)))
    out[:, [CLASSES.index(str(c)) for c in model.classes_]] = model.predict_proba(scaler.transform(X))
    return out


def folds(d: dict) -> list[tuple[str, np.ndarray]]:
    """(name, held-out mask): each seed set, then each benchmark's stratified folds."""
    from sklearn.model_selection import StratifiedKFold

    out = [(s, d["group"] == s) for s in SEED_SETS if (d["group"] == s).any()]
    for b in BENCH:
        rows = np.flatnonzero(d["group"] == b)
        if len(rows):
            for k, (_, te) in enumerate(StratifiedKFold(BENCH_FOLDS, shuffle=True, random_state=SEED)
                                        .split(rows, d["y"][rows])):
                mask = np.zeros(len(d["y"]), dtype=bool)
                mask[rows[te]] = True
                out.append((f"{b}#{k}", mask))
    return out


def held_out_proba(d: dict, m: Model, drop: tuple[str, ...] = ()) -> np.ndarray:
    """Every scored claim's class probabilities from the model fitted without its fold (zeros elsewhere)."""
    P = np.zeros((len(d["y"]), len(CLASSES)))
    for name, mask in folds(d):
        scaler, model = fit(d["X"][~mask], d["y"][~mask], d["group"][~mask], m, drop)
        P[mask] = proba_of(scaler, model, d["X"][mask])
    return P


def chains(around: Chain | None = None) -> list[Chain]:
    """Every chain of the grids; ``around``: only the session 19 values (refute, model_conf, articles), the offsets,
    the "conflicting" floor and ``sources`` vary, the rest (policy, gate, support checks) fixed at ``around``'s."""
    if around is not None:
        return [Chain(nee, around.policy, around.tau, conf, around.guard, around.supported, around.needs,
                      around.substitution, so, ro, src, rf, mc, ar)
                for nee, conf, so, ro, src, rf, mc, ar in product(
                    NEE_OFFSET_GRID, CONFLICTING_GRID, SUPPORTED_OFFSET_GRID, REFUTED_OFFSET_GRID, SOURCES_GRID,
                    REFUTE_GRID, MODEL_CONF_GRID, ARTICLES_GRID)
                if (conf < 1.0 or mc == "any") and (src or not ar)]  # dead combinations left out
    return [Chain(*v) for v in product(NEE_OFFSET_GRID, POLICIES, TAU_GRID, CONFLICTING_GRID, GUARD_GRID,
                                       SUPPORTED_GRID, NEEDS, SUBSTITUTION_GRID, SUPPORTED_OFFSET_GRID,
                                       REFUTED_OFFSET_GRID, SOURCES_GRID, REFUTE_GRID, MODEL_CONF_GRID, ARTICLES_GRID)
            if (v[3] < 1.0 or v[12] == "any") and (v[10] or not v[13])]


def search(d: dict, models: list[Model], chain_list: list[Chain], drop: tuple[str, ...] = ()) -> dict:
    """Held-out counts of every (model, chain): {(model, chain): (confusion per fold, right per fold)}."""
    rows = np.isin(d["group"], (*SEED_SETS, *BENCH))
    grid = Grid(d, rows)
    out = {}
    for m in models:
        P = held_out_proba(d, m, drop)[rows]
        labels = {}
        for c in chain_list:
            key = (c.nee_offset, c.conflicting, c.sup_offset, c.ref_offset)
            if key not in labels:
                labels[key] = labelled_sets(P, c.nee_offset, c.conflicting,
                                            {"supported": c.sup_offset, "refuted": c.ref_offset})
            out[(m, c)] = grid.counts(grid.run(*grid.select(labels[key], c), c))
        log.info("model %s: %d chains scored", m, len(chain_list))
    return {"grid": grid, "counts": out}


def choose(res: dict, exclude: str | None = None) -> tuple:
    """The setting ``OBJECTIVE`` picks on every fold but ``exclude`` (first on ties), among the settings that keep every
    other benchmark's held-out macro-F1 at least at ``res["floors"]`` (the "before" weights'; all when none does)."""
    names = res["grid"].names
    if "stack" not in res:
        keys = list(res["counts"])
        res["stack"] = (keys, np.stack([res["counts"][k][0] for k in keys]),
                        np.stack([res["counts"][k][1] for k in keys]))
    keys, cms, rights = res["stack"]
    seed = [i for i, n in enumerate(names) if n in SEED_SETS and n != exclude]
    f = f1_rows(cms[:, seed].sum(axis=1))
    bench = [names.index(b) for b in BENCH if b in names and b != exclude]
    if bench:
        f = (f + np.mean([f1_rows(cms[:, i]) for i in bench], axis=0)) / 2
    r = rights[:, seed].sum(axis=1)
    short = np.zeros(len(keys))  # how far the benchmarks' held-out macro-F1 fall below their floors, summed
    for b, floor in (res.get("floors") or {}).items():
        if b in names and b != exclude:
            short += np.maximum(0.0, floor - 1e-9 - f1_rows(cms[:, names.index(b)]))
    allowed = short <= short.min() + 1e-9  # none below a floor; when every setting is, the least short
    plain = np.array([k[1] is not None and k[1].substitution >= 1.0 for k in keys], dtype=int)  # the swapped-value rule off
    order = np.lexsort((-f, -plain, -r, -np.round(f / 0.005), ~allowed))
    return keys[int(order[0])]


def table(res: dict, key) -> dict:
    """Per held-out set and pooled: the scores of setting ``key``."""
    cm, right = res["counts"][key]
    names = res["grid"].names
    out = {n: summary(cm[i], right[i]) for i, n in enumerate(names)}
    out["seed_sets"] = summary(*pooled(cm, right, names, lambda n: n in SEED_SETS))
    out["confusion"] = {n: cm[i].tolist() for i, n in enumerate(names)}  # [gold][verdict], CLASSES order
    return out


def nested(res: dict) -> dict:
    """Each held-out fold scored with the setting chosen without it (``OBJECTIVE`` on the other folds; for a
    benchmark, on the seed sets and the other benchmarks), pooled over the seed sets."""
    names = res["grid"].names
    per, chosen = {}, {}
    total_cm, total_right = np.zeros((4, 4), dtype=int), 0
    for i, n in enumerate(names):
        key = choose(res, exclude=n)
        cm, right = res["counts"][key]
        per[n] = {**summary(cm[i], right[i]), "confusion": cm[i].tolist()}
        chosen[n] = describe(key)
        if n in SEED_SETS:
            total_cm, total_right = total_cm + cm[i], total_right + int(right[i])
    return {"per_fold": per, "seed_sets": summary(total_cm, total_right), "chosen": chosen}


def describe(key) -> str:
    m, c = key
    return (f"C={m.C:g},alpha={m.alpha:g},seed_weight={m.seed_weight:g},nee_offset={c.nee_offset:g},{c.policy},"
            f"p>={c.tau:g},conflicting>={c.conflicting:g},guard={c.guard},supported>={c.supported:g},needs={c.needs},"
            f"swap>={c.substitution:g},sup_offset={c.sup_offset:g},ref_offset={c.ref_offset:g},sources={c.sources},"
            f"refute={c.refute},model_conf={c.model_conf},articles={c.articles}")


def one_step(res: dict, key) -> dict:
    """The chosen setting with one value changed at a time: held-out seed sets (pooled) and AVeriTeC scores."""
    names = res["grid"].names
    out = {}
    values = {f: sorted({getattr(k[part], f) for k in res["counts"]}, key=str)
              for part, fields in ((0, Model._fields), (1, Chain._fields)) for f in fields}
    for f, vs in values.items():
        for v in vs:
            k = (key[0]._replace(**{f: v}), key[1]) if f in Model._fields else (key[0], key[1]._replace(**{f: v}))
            if k not in res["counts"]:
                continue
            cm, right = res["counts"][k]
            row = {"seed_sets": summary(*pooled(cm, right, names, lambda n: n in SEED_SETS))}
            for b in BENCH:
                if b in names:
                    row[b] = summary(cm[names.index(b)], right[names.index(b)])
            out[f"{f}={v}"] = row
    return out


def before_chain(weights_file: Path | None = None) -> Chain:
    """The chain of a weights file's policy (its offsets live in the file: 0 here)."""
    from qa.config import VerdictConfig
    from qa.verdict_model import WEIGHTS

    pol = json.loads((weights_file or WEIGHTS).read_text(encoding="utf-8"))["policy"]
    cfg = VerdictConfig(**{k: v for k, v in pol.items() if k not in (
        "policy", "support_needs", "refuted_clash_when", "model_conflicting_needs")})
    when = pol.get("refuted_clash_when", "none")
    return Chain(0.0, pol["policy"], cfg.model_min_probability, cfg.conflicting_min_probability, cfg.focus_guard,
                 cfg.supported_min_probability, pol["support_needs"], cfg.substitution_min_probability,
                 sources=cfg.conflicting_needs_sources,
                 refute="off" if not cfg.refuted_needs_clash else "always" if when == "none" else when,
                 model_conf=pol.get("model_conflicting_needs", "any"), articles=cfg.conflicting_across_articles)


def before_key(weights_file: Path | None = None) -> tuple:
    """(Model, Chain) of a weights file: its recipe and chain with its logit offsets (a key of ``search``)."""
    from qa.verdict_model import WEIGHTS

    w = json.loads((weights_file or WEIGHTS).read_text(encoding="utf-8"))
    off = w.get("offsets", {})
    c = before_chain(weights_file)._replace(nee_offset=float(off.get("not_enough_evidence", 0.0)),
                                            sup_offset=float(off.get("supported", 0.0)),
                                            ref_offset=float(off.get("refuted", 0.0)))
    return Model(float(w["C"]), float(w["alpha"]), float(w.get("seed_weight", 0.0))), c


def before(d: dict, res: dict, weights_file: Path | None = None) -> dict:
    """A weights file's model and chain on the same held-out claims. Fitted on the same features: the seed sets as
    shipped (the sets it was not fitted on are unseen), each benchmark with its recipe (C, alpha, seed weight, offsets)
    re-fitted without each fold. Fitted on other features (an older file): its recipe re-fitted without each fold
    everywhere, the features it did not have or dropped held at 0 (the previous recipe on this data)."""
    from qa.verdict_features import FEATURES
    from qa.verdict_model import WEIGHTS, VerdictModel

    w = json.loads((weights_file or WEIGHTS).read_text(encoding="utf-8"))
    c = before_chain(weights_file)
    grid = res["grid"]
    X = d["X"][grid.rows]
    m = Model(float(w["C"]), float(w["alpha"]), float(w.get("seed_weight", 0.0)))
    offsets = np.exp(np.array([float(w.get("offsets", {}).get(k, 0.0)) for k in CLASSES]))
    P = np.zeros((len(X), len(CLASSES)))
    refit = np.isin(d["group"][grid.rows], BENCH)
    drop = tuple(w.get("dropped_features", ()))  # re-fitted as it was fitted: without the features it dropped
    try:
        vm = VerdictModel.from_dict(w)
        P[:, [CLASSES.index(k) for k in vm.classes]] = vm.proba(X)
    except ValueError:  # fitted on other features: the recipe re-fitted everywhere on what it had
        refit[:] = True
        drop = tuple(f for f in FEATURES if f not in w["features"] or f in w.get("dropped_features", ()))
    if refit.any():
        P[refit] = held_out_proba(d, m, drop)[grid.rows][refit] * offsets
        P[refit] /= P[refit].sum(axis=1, keepdims=True)
    cm, right = grid.counts(grid.run(*grid.select(labelled_sets(P, 0.0, c.conflicting), c), c))
    names = grid.names
    out = {n: summary(cm[i], right[i]) for i, n in enumerate(names)}
    out["seed_sets"] = summary(*pooled(cm, right, names, lambda n: n in SEED_SETS))
    out["confusion"] = {n: cm[i].tolist() for i, n in enumerate(names)}
    return out


def write(d: dict, key, out: Path, report: dict, drop: tuple[str, ...] = ()) -> dict:
    """Fit the chosen model on every claim and write the weights file ``qa.verdict_model`` reads."""
    from qa.verdict_features import FEATURES

    m, c = key
    scaler, model = fit(d["X"], d["y"], d["group"], m, drop)
    scale = np.where(scaler.scale_ > 0, scaler.scale_, 1.0)
    data = [{"dataset": g, "split": "tune", "claims": int((d["group"] == g).sum()), "gold": f.name,
             "gold_sha256": hashlib.sha256(f.read_bytes()).hexdigest() if f.is_file() else None}
            for g, f in d["gold_files"].items()]
    result = {
        "command": "python -m qa.eval.verdict_loso " + " ".join(sys.argv[1:]),
        "model": "multinomial logistic regression (scikit-learn LogisticRegression, lbfgs; class weights "
                 "(n / (k n_class)) ** alpha; each benchmark weighted 1, the seed claims together seed_weight)",
        "seed": SEED, "C": m.C, "alpha": m.alpha, "seed_weight": m.seed_weight,
        "policy": c.config(), "objective": OBJECTIVE,
        "classes": [str(k) for k in model.classes_], "features": list(FEATURES),
        "mean": [round(float(v), 8) for v in scaler.mean_], "scale": [round(float(v), 8) for v in scale],
        "coef": [[round(float(v), 8) for v in row] for row in model.coef_],
        "intercept": [round(float(v), 8) for v in model.intercept_],
        "offsets": {"not_enough_evidence": c.nee_offset, "supported": c.sup_offset, "refuted": c.ref_offset},
        "dropped_features": list(drop), "data": data, "loso": report,
    }
    write_weights(out, result)
    return result


def main(argv: list[str] | None = None) -> int:
    from qa.verdict_model import WEIGHTS

    from index.offline import set_defaults

    set_defaults()
    p = argparse.ArgumentParser(prog="python -m qa.eval.verdict_loso", description=__doc__.split("\n\n")[0])
    p.add_argument("--seed-store", type=Path, required=True, help="store of the seed articles")
    p.add_argument("--work", type=Path, required=True, help="bench work folder with the tune splits (train_verdict's)")
    p.add_argument("--out", type=Path, default=None, help=f"write the chosen weights here (e.g. {WEIGHTS})")
    p.add_argument("--cache", type=Path, default=None, help="npz cache of the seed claims' features")
    p.add_argument("--mixed-store", type=Path, default=None,
                   help="the mixed store (seed + news articles) the sets of MIXED_SETS (gold_v12) are read on")
    p.add_argument("--report", type=Path, default=None, help="write the LOSO tables (JSON) here")
    p.add_argument("--before", type=Path, default=None,
                   help="weights file (with its policy) to score as 'before' (default: the shipped one)")
    p.add_argument("--search", type=Path, default=None, help="pickle of the held-out counts: read if there, else written")
    p.add_argument("--drop", default="", help="comma-separated features held at 0 (not used by the model)")
    p.add_argument("--around", action="store_true",
                   help="vary only the offsets, the 'conflicting' floor, sources and session 19's chain values; the "
                        "policy, gate and support checks fixed at the --before weights' (chains(around=...))")
    p.add_argument("--models", default="", help="only these model settings, e.g. 0.1:0.5:1 (C:alpha:seed_weight)")
    a = p.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="[%(asctime)s] %(message)s", datefmt="%H:%M:%S")
    d = load(a.seed_store, a.work, a.cache, a.mixed_store)
    models = [Model(*v) for v in product(C_GRID, ALPHA_GRID, SEED_WEIGHT_GRID)]
    if a.models:
        models = [Model(*map(float, v.split(":"))) for v in a.models.split(",")]
    drop = tuple(f for f in a.drop.split(",") if f)
    if a.search and a.search.is_file():  # the held-out counts of an earlier run with the same data and grid
        import pickle

        res = pickle.loads(a.search.read_bytes())
    else:
        res = search(d, models, chains(before_chain(a.before) if a.around else None), drop)
        if a.search:
            import pickle

            a.search.write_bytes(pickle.dumps({"grid": res["grid"], "counts": res["counts"]}))
    prior = before(d, res, a.before)
    res["floors"] = {b: prior[b]["macro_f1"] for b in BENCH if b in prior}
    best = choose(res)
    report = {"objective": OBJECTIVE, "chosen": describe(best), "before": prior}
    recipe = before_key(a.before)
    if recipe in res["counts"]:  # the previous weights' recipe re-fitted held out everywhere (seed sets too)
        report["before_recipe_held_out"] = {"setting": describe(recipe), **table(res, recipe)}
    report = {**report,
              "after_chosen_on_all_folds": table(res, best), "nested": nested(res),
              "one_step": one_step(res, best)}
    text = json.dumps(report, indent=1)
    if a.report:
        a.report.write_text(text + "\n", encoding="utf-8")
    print(text)
    if a.out:
        write(d, best, a.out, report, drop)
    return 0


if __name__ == "__main__":
    sys.exit(main())
