"""Scoring held-out verdicts for ``qa.eval.verdict_loso``: the verdicts of a decision chain from class probabilities,
confusion counts per held-out set, and macro-F1 of confusion matrices (one or a stack)."""
from __future__ import annotations

import numpy as np

from qa.eval.train_verdict import CLASSES, SUPPORT_LEVELS, combine

SEED_SETS = ("gold", *(f"gold_v{i}" for i in range(3, 13)))  # gold_v11 a tune set since session 18, gold_v12 since 19
# Seed sets read on the mixed store (the seed articles with ~765 news articles: a real user's store), not the seed
# store: gold_v12's news claims (ids g12-n*) are about those articles (``verdict_loso --mixed-store``).
MIXED_SETS = ("gold_v12",)
BENCH = ("averitec", "climate-fever", "scifact")


def labelled(P: np.ndarray, nee_offset: float, conflicting: float, offsets: dict | None = None,
             exclude: tuple[str, ...] = ()):
    """(label, its probability) per row after the logit offsets, "conflicting" only at ``conflicting`` or more, the
    classes in ``exclude`` passed over (the next most probable label instead, as ``VerdictModel.predict`` does)."""
    off = {"not_enough_evidence": nee_offset, **(offsets or {})}
    P = P * np.exp(np.array([off.get(k, 0.0) for k in CLASSES]))
    P = P / np.maximum(P.sum(axis=1, keepdims=True), 1e-12)
    Q = P.copy()
    k = CLASSES.index("conflicting")
    Q[:, k] = np.where(Q[:, k] >= conflicting, Q[:, k], -1.0)
    for c in exclude:
        Q[:, CLASSES.index(c)] = -1.0
    i = Q.argmax(axis=1)
    return np.array(CLASSES)[i], P[np.arange(len(i)), i]


def labelled_sets(P: np.ndarray, nee_offset: float, conflicting: float, offsets: dict | None = None) -> dict:
    """``labelled`` as is, and with "refuted", "conflicting" or both passed over (what ``Grid.select`` picks from)."""
    return {ex: labelled(P, nee_offset, conflicting, offsets, ex)
            for ex in ((), ("refuted",), ("conflicting",), ("refuted", "conflicting"))}


class Grid:
    """Held-out confusion counts of every setting, per fold (seed sets, then each benchmark pooled over its folds)."""

    def __init__(self, d: dict, rows: np.ndarray):
        from qa.verdict_features import FEATURES

        self.d, self.rows = d, rows
        g = d["group"][rows]
        self.names = [s for s in (*SEED_SETS, *BENCH) if (g == s).any()]
        self.fold = np.array([self.names.index(x) for x in g])
        self.gold = np.array([CLASSES.index(v) for v in d["y"][rows]])
        self.ok = [d["ok"][i] for i in np.flatnonzero(rows)]
        self.okm = np.array([[c in o for c in CLASSES] for o in self.ok])
        self.cols = {k: d[k][rows] for k in ("rule", "exact", "unmentioned", "named", "slot_refuted", "swapped",
                                             "cross", "cross_slot")}
        self.unmet = {lv: (None if col is None else d["X"][rows][:, list(FEATURES).index(col)] < 0.5)
                      for lv, col in SUPPORT_LEVELS.items()}
        self.refuting = d["X"][rows][:, list(FEATURES).index("n_refutes")] > 0  # a unit clashes with a slot

    def select(self, sets: dict, c) -> tuple[np.ndarray, np.ndarray]:
        """The model's (label, probability) per row under chain ``c``'s conditions on its "conflicting"
        (``model_conf``: "any", "articles", "slot_articles") and its "refuted" (``refute``: "off"; "always": only
        with a refuting unit; a support level: that, where the relevant units meet the claim at that level), each
        passed over for the next most probable label as ``qa.claims.decide`` does. ``sets``: ``labelled_sets``."""
        model_conf, refute = getattr(c, "model_conf", "any"), getattr(c, "refute", "off")
        pred, prob = (a.copy() for a in sets[()])
        no_conf = np.zeros(len(pred), dtype=bool)
        if model_conf != "any":
            no_conf = ~self.cols["cross_slot" if model_conf == "slot_articles" else "cross"]
            m = no_conf & (pred == "conflicting")
            pred[m], prob[m] = sets[("conflicting",)][0][m], sets[("conflicting",)][1][m]
        if refute != "off":
            grounded = self.refuting.copy()
            if refute != "always" and self.unmet[refute] is not None:
                grounded |= self.unmet[refute]
            m = (pred == "refuted") & ~grounded
            for ex, rows in ((("refuted",), m & ~no_conf), (("refuted", "conflicting"), m & no_conf)):
                pred[rows], prob[rows] = sets[ex][0][rows], sets[ex][1][rows]
        return pred, prob

    def run(self, pred, prob, c) -> np.ndarray:
        """The verdicts of chain ``c`` (a ``qa.eval.verdict_loso.Chain``) from (label, probability) per row."""
        k = self.cols
        named = k["named"] if getattr(c, "sources", True) else None
        if named is not None and getattr(c, "articles", False):
            named = named | k["cross_slot"]  # a same-slot clash between two articles stands like named sources
        return combine(c.policy, c.tau, pred, prob, k["rule"], k["exact"], k["unmentioned"] if c.guard else None,
                       c.supported, self.unmet[c.needs], named, k["slot_refuted"], k["swapped"], c.substitution)

    def counts(self, v: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(confusion [fold, gold, verdict], right [fold])."""
        pi = np.searchsorted(np.array(CLASSES_SORTED), v)
        pi = ORDER[pi]
        cm = np.zeros((len(self.names), 4, 4), dtype=int)
        np.add.at(cm, (self.fold, self.gold, pi), 1)
        right = np.bincount(self.fold, weights=self.okm[np.arange(len(pi)), pi], minlength=len(self.names))
        return cm, right.astype(int)


CLASSES_SORTED = tuple(sorted(CLASSES))
ORDER = np.array([CLASSES.index(c) for c in CLASSES_SORTED])


def cm_f1(cm: np.ndarray) -> float:
    """Macro-F1 over the labels present in gold or verdicts of a 4x4 confusion matrix."""
    f = []
    for k in range(4):
        tp, denom = cm[k, k], cm[k, :].sum() + cm[:, k].sum()
        if denom:
            f.append(2 * tp / denom)
    return float(np.mean(f)) if f else 0.0


def summary(cm: np.ndarray, right: int) -> dict:
    n = int(cm.sum())
    return {"n": n, "right": int(right), "accuracy": round(float(np.trace(cm) / max(n, 1)), 3),
            "macro_f1": round(cm_f1(cm), 3), "supported_said": int(cm[:, 0].sum()),
            "supported_right": int(cm[0, 0]), "nee_said": int(cm[:, 3].sum())}


def pooled(cm: np.ndarray, right: np.ndarray, names: list[str], keep) -> tuple[np.ndarray, int]:
    idx = [i for i, n in enumerate(names) if keep(n)]
    return cm[idx].sum(axis=0), int(right[idx].sum())


def f1_rows(cm: np.ndarray) -> np.ndarray:
    """``cm_f1`` of each of a stack of 4x4 confusion matrices ([..., 4, 4])."""
    tp = np.diagonal(cm, axis1=-2, axis2=-1)
    denom = cm.sum(axis=-1) + cm.sum(axis=-2)
    present = denom > 0
    f = np.where(present, 2 * tp / np.maximum(denom, 1), 0.0)
    return f.sum(axis=-1) / np.maximum(present.sum(axis=-1), 1)
