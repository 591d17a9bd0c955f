"""Which refusal rules carry over to sets they were not made on, and does a learned refusal beat them held out?

    python -m qa.eval.refusal_loso --cache ROWS.jsonl [MORE.jsonl ...] [--C 0.3]

Reads the rows ``python -m qa.eval.train_refusal --collect-only --cache ROWS.jsonl`` writes (tune splits only:
seed gold_v3..v10 and the RealTimeQA tune weeks; every item answered under the rule cascade and with the cascade
open, its ``qa.refusal.Signals`` traced). A refusal policy over the traced signals is then scored exactly as
train_refusal scores the model: a policy that refuses gives "refused"; one that lets the question through gives
the open run's outcome (the later refusals of ``qa.answer.compose_ask``, figures, typed spans and the gate, still
apply there). The simulated cascade is checked against the rules' own run (the agreement is printed).

Prints (1) per set the rules as they ship; (2) each rule of the cascade dropped, per set: unanswerables it
still catches there, answerables it refuses there (of them, how many the open run answers right); (3) the
coverage thresholds as a grid, chosen by leave-one-set-out; (4) learned refusals (logistic regression over the
signals, optionally on top of the rules) chosen by leave-one-set-out over the nine sets.

Several caches (``--cache A B``) may hold the same gold sets answered on different stores (rows tagged
``store``: "seed", "mixed", "rtqa"): a fold holds a set out on every store at once (the same questions are
never on both sides), and the tables give each store's sets apart ("mixed:v5").
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

SETS = ("v3", "v4", "v5", "v6", "v7", "v8", "v9", "v10", "rtqa-tune")  # the folds when the rows carry no store
DEV, CHECK = ("v3", "v4", "v5", "v6", "v7"), ("v8", "v9", "v10")


def fold_of(row: dict) -> str:
    """The fold a row is held out in: its gold set, whatever store answered it."""
    return row["set"]


def group_of(row: dict) -> str:
    """The table column of a row: its set, prefixed by its store's tag when the rows carry one."""
    return f"{row['store']}:{row['set']}" if row.get("store") and row["store"] != "rtqa" else row["set"]


def groups(rows: list[dict]) -> list[str]:
    return list(dict.fromkeys(group_of(r) for r in rows))


def folds(rows: list[dict]) -> list[str]:
    return list(dict.fromkeys(fold_of(r) for r in rows))


# the gold sets in the repository when each part of the cascade was made (git log -S on its config line or
# function; docs/eval/s17-refuse.md): a rule can only have been fitted to these
MADE_ON = {
    "no_evidence": "v3..v7 + RTQA tune (min_score 0.26, s14)",
    "uncovered": "seed gold v1/v2 (max_uncovered, confident_score); v3..v7 (focus_dense, document_words)",
    "unmet_no_statement": "v3 (check_statement)",
    "unmet_off_topic_statement": "v3 (check_statement), v3..v6 (statement_topic_strict)",
    "unmet_wrong_time": "v3 (check_statement)",
    "unmet_other_agent": "v3 (check_agent)",
    "unmet_other_role": "v3..v6 (role_owners)",
    "unmet_statement_elsewhere": "v3..v6 (statement_names)",
    "unmet_no_typed_answer": "v3..v6 (date_within)",
}
RULES = tuple(MADE_ON)


def load(path: Path) -> list[dict]:
    """The rows of a cache, with the derived features (``qa.refusal_model.derived``) of traced rows."""
    from qa.refusal_model import derived

    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    for r in rows:
        if r["features"]:
            r["features"] |= derived(r["features"])
    return rows


def _default():
    from qa.config import DEFAULT

    return DEFAULT


def fired(row: dict, drop: frozenset[str] = frozenset(), **cov) -> str | None:
    """The first rule of the cascade that fires on the row's signals (``qa.refusal.rule_refusal``), skipping
    those in ``drop``; ``cov`` overrides the coverage thresholds (max_uncovered, confident_score, focus) and may
    add the store-aware rules of session 19: ``article_names`` (refuse when a larger share of the question's
    names than this is missing from every covering article) and ``article_share`` (refuse when every covering
    article alone leaves a larger weighted share of the content words uncovered, unless a close paraphrase or a
    confident score covers it); None or absent: off."""
    f = row["features"]
    if not f:
        return None
    if f["names_absent"]:
        return "names_absent"
    if f["no_evidence"] and "no_evidence" not in drop:
        return "no_evidence"
    if cov.get("article_names") is not None and f.get("article_names", 0.0) > cov["article_names"]:
        return "article_names"
    if cov.get("article_share") is not None and not f["paraphrase"] and f.get("article_share", 0.0) > \
            cov["article_share"] and f["top"] < cov.get("confident_score", _default().confident_score):
        return "article_share"
    if "uncovered" not in drop:
        uncovered = f["uncovered_rule"] > 0
        if {"max_uncovered", "confident_score", "focus"} & set(cov):
            from qa.config import DEFAULT

            mu = cov.get("max_uncovered", DEFAULT.max_uncovered)
            cs, focus = cov.get("confident_score", DEFAULT.confident_score), cov.get("focus", True)
            uncovered = not f["no_evidence"] and not f["paraphrase"] and not (
                not (focus and f["focus_missing"]) and (f["share"] <= mu or f["top"] >= cs))
        if uncovered:
            return "uncovered"
    for name in RULES[2:]:
        if f.get(name) and name not in drop:
            return name
    return None


def outcome(row: dict, refuse: bool) -> str:
    """right / wrong / refused (answerable), caught / answered (unanswerable)."""
    if not row["answerable"]:
        return "caught" if refuse or not row["open"][0] else "answered"
    if refuse or not row["open"][0]:
        return "refused"
    return "right" if row["open"][1] else "wrong"


def tally(rows: list[dict], refuse: list[bool]) -> dict:
    s = {"right": 0, "wrong": 0, "refused": 0, "caught": 0, "answered": 0}
    for r, x in zip(rows, refuse):
        s[outcome(r, x)] += 1
    return s


def text(s: dict) -> str:
    n = s["right"] + s["wrong"] + s["refused"]
    return (f"{s['right']}/{n}, refused {s['refused']} ({100 * s['refused'] / max(1, n):.1f}%), "
            f"caught {s['caught']}/{s['caught'] + s['answered']}")


def per_set(rows: list[dict], refuse: list[bool]) -> dict[str, dict]:
    """Outcomes per table column (``group_of``)."""
    return {name: tally([r for r in rows if group_of(r) == name],
                        [x for r, x in zip(rows, refuse) if group_of(r) == name])
            for name in groups(rows)}


def per_store(res: dict[str, dict]) -> dict[str, dict]:
    """Per-column outcomes summed per store tag ("mixed", "seed"; a column without a tag is its own)."""
    out: dict[str, list[dict]] = {}
    for name, s in res.items():
        out.setdefault(name.split(":")[0] if ":" in name else name, []).append(s)
    return {k: add(*v) for k, v in out.items()}


def add(*ss: dict) -> dict:
    return {k: sum(s[k] for s in ss) for k in ss[0]}


def rules_table(rows: list[dict]) -> list[str]:
    actual = [not r["rules"][0] for r in rows]  # refused by the rules' run (any stage): outcome() reads "open"
    sim = [fired(r) is not None for r in rows]
    agree = sum(tuple(r["rules"]) == _sim_pair(r, s) for r, s in zip(rows, sim))
    lines = [f"simulated cascade vs the rules' own run: {agree}/{len(rows)} items the same outcome", "",
             "| set | rules (shipped) | cascade open (no rule but names) |", "|---|---|---|"]
    ps, po = per_set(rows, actual), per_set(rows, [bool(r["features"].get("names_absent")) for r in rows])
    for name in ps:
        lines.append(f"| {name} | {text(ps[name])} | {text(po[name])} |")
    for label, s in per_store(ps).items():
        lines.append(f"| {label} (sum) | {text(s)} | {text(per_store(po)[label])} |")
    return lines


def _sim_pair(row: dict, refuse: bool) -> tuple[bool, bool]:
    if refuse:
        return False, not row["answerable"]
    return tuple(row["open"])


def by_code(rows: list[dict]) -> list[str]:
    """Per refusal code of the rules' run (every stage, the cascade and the later ones): unanswerables it catches
    and answerables it refuses (and of those, how many the open run answers right), per group of sets."""
    stores = list(dict.fromkeys(r.get("store") or "" for r in rows))
    codes = sorted({r["codes"][0] for r in rows if r["codes"][0]})
    lines = ["| refusal code (rules' run) | " + " | ".join(s or "rows" for s in stores) + " |",
             "|---|" + "---|" * len(stores)]
    for code in codes:
        cells = []
        for store in stores:
            rs = [r for r in rows if (r.get("store") or "") == store and r["codes"][0] == code]
            caught = sum(not r["answerable"] for r in rs)
            refused = [r for r in rs if r["answerable"]]
            cells.append(f"{caught} caught / {len(refused)} answerable refused "
                         f"({sum(bool(r['open'][1]) for r in refused)} right if let through)")
        lines.append(f"| {code} | " + " | ".join(cells) + " |")
    return lines


def ablation(rows: list[dict]) -> list[str]:
    base = [fired(r) is not None for r in rows]
    cols = groups(rows)
    lines = ["| rule dropped | made on | " + " | ".join(cols) + " |", "|---|---|" + "---|" * len(cols)]
    for rule in RULES:
        drop = frozenset({rule})
        cells = []
        for name in cols:
            idx = [i for i, r in enumerate(rows) if group_of(r) == name]
            lost = sum(1 for i in idx if base[i] and fired(rows[i], drop) is None and not rows[i]["answerable"])
            freed = [i for i in idx if base[i] and fired(rows[i], drop) is None and rows[i]["answerable"]]
            right = sum(1 for i in freed if rows[i]["open"][1])
            cells.append(f"-{lost} caught / {len(freed)} refused ({right} right)" if lost or freed else "0")
        lines.append(f"| {rule} | {MADE_ON[rule]} | " + " | ".join(cells) + " |")
    return lines


def grid_loso(rows: list[dict], grid: list[dict]) -> list[str]:
    """Each setting scored per set; per held-out set the setting with most right + caught on the others."""
    scores = {}
    for g in grid:
        refuse = [fired(r, **g) is not None for r in rows]
        scores[json.dumps(g)] = per_set(rows, refuse)
    lines = ["| held out | chosen on the other sets | held out | shipped |", "|---|---|---|---|"]
    total, shipped = {}, {}
    ship = json.dumps(grid[0])
    fold = {group_of(r): fold_of(r) for r in rows}
    for held in folds(rows):
        cols = [c for c in fold if fold[c] == held]

        def key(name: str) -> tuple[int, int]:
            s = add(*(scores[name][c] for c in fold if fold[c] != held))
            return s["right"] + s["caught"], s["caught"]
        best = max(scores, key=key)
        for c in cols:
            total[c], shipped[c] = scores[best][c], scores[ship][c]
            lines.append(f"| {c} | {best} | {text(scores[best][c])} | {text(scores[ship][c])} |")
    for label, s in per_store(total).items():
        lines.append(f"| sum {label} | | {text(s)} | {text(per_store(shipped)[label])} |")
    return lines


def _matrix(rows: list[dict], names: list[str]):
    import numpy as np

    return np.array([[r["features"].get(n, 0.0) for n in names] for r in rows], dtype=float)


BASE_DROP = ("rank_best_p", "rank_margin", "rank_first_p", "rank_best_typed", "rank_best_untyped")
NEW = ("one_share", "span_first", "names_unseen")
STORE_AWARE = ("article_share", "article_names", "top_gap", "article_gap")  # session 19 (mixrefuse; qa.refusal_model.STORE_FEATURES)
SIZE = ("n_articles",)  # how many articles the covering sentences come from: a store-size flag more than a signal
FEATURE_SETS = {"signals": BASE_DROP + NEW + STORE_AWARE + SIZE, "signals + s17": BASE_DROP + STORE_AWARE + SIZE,
                "signals + s17 + store": BASE_DROP + SIZE, "signals + s17 + store + size": BASE_DROP}


def _classifier(C: float):
    """C > 0: logistic regression (inverse regularisation C); C == 0: shallow gradient-boosted trees."""
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.linear_model import LogisticRegression

    if C > 0:
        return LogisticRegression(C=C, class_weight="balanced", max_iter=5000)
    return HistGradientBoostingClassifier(max_depth=3, max_iter=100, min_samples_leaf=20, class_weight="balanced",
                                          random_state=0)


def learned(rows: list[dict], C: float, drop: tuple[str, ...], mode: str,
            wrong_cost: float = 0.0) -> tuple[dict[str, dict], dict]:
    """Leave-one-set-out: per held-out set a classifier (``_classifier``) on the other sets (balanced classes), its
    threshold chosen there. ``mode``: "replace" (the model alone decides, names still refused by rule),
    "add" (the rules, and also refuse below t), "relax" (the rules, but answer what they refuse above t)."""
    import numpy as np
    from sklearn.preprocessing import StandardScaler

    traced = np.array([bool(r["features"]) for r in rows])  # an item answered before the refusal (a list over
    # the articles) has no signals: never refused here, as under the rules
    names = sorted(n for n in next(r for r in rows if r["features"])["features"] if n not in drop)
    X, y = _matrix(rows, names), np.array([int(r["answerable"]) for r in rows])
    rule = np.array([fired(r) is not None for r in rows])
    absent = np.array([bool(r["features"].get("names_absent")) for r in rows])
    sets = np.array([fold_of(r) for r in rows])
    ts = [round(0.05 * i, 2) for i in range(1, 20)]

    def decide(p, t, idx):
        if mode == "replace":
            return absent[idx] | ((p < t) & traced[idx])
        if mode == "add":
            return rule[idx] | ((p < t) & traced[idx])
        return absent[idx] | (rule[idx] & (p < t))  # relax: t is the bar to overrule a refusal

    out, chosen = {}, {}
    for held in folds(rows):
        tr, te = np.where(sets != held)[0], np.where(sets == held)[0]
        sc = StandardScaler().fit(X[tr])
        sc.scale_[sc.scale_ == 0] = 1.0
        m = _classifier(C).fit(sc.transform(X[tr]), y[tr])
        ptr, pte = m.predict_proba(sc.transform(X[tr]))[:, 1], m.predict_proba(sc.transform(X[te]))[:, 1]

        def key(t):
            s = tally([rows[i] for i in tr], list(decide(ptr, t, tr)))
            return s["right"] + s["caught"] - wrong_cost * (s["wrong"] + s["answered"]), -s["refused"]
        t = max(ts, key=key)
        refuse = decide(pte, t, te)
        for c in dict.fromkeys(group_of(rows[i]) for i in te):
            chosen[c] = t
            out[c] = tally([rows[i] for i in te if group_of(rows[i]) == c],
                           [x for i, x in zip(te, refuse) if group_of(rows[i]) == c])
    return out, chosen


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m qa.eval.refusal_loso", description=__doc__.split("\n\n")[0])
    ap.add_argument("--cache", type=Path, nargs="+", required=True)
    ap.add_argument("--modes", nargs="*", default=["replace", "add", "relax"])
    ap.add_argument("--features", nargs="*", default=list(FEATURE_SETS), help="feature sets (FEATURE_SETS)")
    ap.add_argument("--skip-rules", action="store_true", help="only the learned refusals' table")
    ap.add_argument("--wrong-cost", type=float, default=0.0,
                    help="the threshold maximises right + caught - this x wrong answers (answerables answered wrong "
                         "and unanswerables answered); 0: right + caught")
    ap.add_argument("--C", type=float, nargs="*", default=[0.03, 0.3, 0.0],
                    help="logistic regressions' C; 0 = gradient-boosted trees (depth 3)")
    a = ap.parse_args(argv)
    rows = [r for c in a.cache for r in load(c)]
    if a.skip_rules:
        return _learned_table(rows, a)
    print("## Rules as shipped, per held-out set\n")
    print("\n".join(rules_table(rows)))
    print("\n## Refusals by code (rules' run), per group of sets\n")
    print("\n".join(by_code(rows)))
    print("\n## Each rule dropped (the open run's outcome where it alone refused)\n")
    print("\n".join(ablation(rows)))
    print("\n## Coverage thresholds, leave-one-set-out (first row of the grid = Config's; the traced signals are the"
          " collecting run's)\n")
    from qa.config import DEFAULT

    grid = [{"max_uncovered": DEFAULT.max_uncovered, "confident_score": DEFAULT.confident_score, "focus": True}] + [
        {"max_uncovered": mu, "confident_score": cs, "focus": fo}
        for mu in (0.3, 0.4, 0.5, 0.6, 0.7, 0.8) for cs in (0.6, 0.7, 0.8, 1.01) for fo in (True, False)]
    print("\n".join(grid_loso(rows, grid)))
    print("\n## Store-aware rules on top of the cascade (session 19), leave-one-set-out (first row: off)\n")
    print("\n".join(grid_loso(rows, STORE_GRID)))
    return _learned_table(rows, a)


# article_names: refuse above this share of the question's names missing from every covering article;
# article_share: refuse above this weighted share of content words that every covering article alone leaves uncovered
STORE_GRID = [{}] + [{"article_names": n} for n in (0.0, 0.34, 0.5)] + \
    [{"article_share": x} for x in (0.4, 0.5, 0.6, 0.7)] + \
    [{"article_names": n, "article_share": x} for n in (0.0, 0.5) for x in (0.5, 0.6, 0.7)]


def _learned_table(rows: list[dict], a) -> int:
    print("\n## Learned refusal, leave-one-set-out (a set held out on every store at once)\n")
    base = per_set(rows, [fired(r) is not None for r in rows])
    cols = list(base)
    stores = list(per_store(base))
    print("| policy | C | features | " + " | ".join(f"sum {s}" for s in stores) + " | " + " | ".join(cols) + " |")
    print("|---|---|---|" + "---|" * (len(stores) + len(cols)))
    print("| rules | | | " + " | ".join(text(per_store(base)[s]) for s in stores) + " | "
          + " | ".join(text(base[c]) for c in cols) + " |")
    for mode in a.modes:
        for C in a.C:
            for label in a.features:
                res, chosen = learned(rows, C, FEATURE_SETS[label], mode, a.wrong_cost)
                print(f"| {mode} | {C} | {label} | " + " | ".join(text(per_store(res)[s]) for s in stores) + " | "
                      + " | ".join(f"{text(res[c])} (t {chosen[c]})" for c in cols) + " |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
