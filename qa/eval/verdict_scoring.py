"""Scoring held-out verdicts for ``qa.eval.verdict_loso``: the verdicts of a decision chain from class probabilities,
confusion counts per held-out set, and macro-F1 of confusion matrices (one or a stack)."""
from __future__ import annotations

import numpy as np

from qa.eval.train_verdict import CLASSES, SUPPORT_LEVELS, combine

SEED_SETS = ("gold", *(f"gold_v{i}" for i in range(3, 12)))  # gold_v11 a tune set since session 18
BENCH = ("averitec", "climate-fever", "scifact")


def labelled(P: np.ndarray, nee_offset: float, conflicting: float, offsets: dict | None = None):
    """(label, its probability) per row after the logit offsets, "conflicting" only at ``conflicting`` or more."""
    off = {"not_enough_evidence": nee_offset, **(offsets or {})}
    P = P * np.exp(np.array([off.get(k, 0.0) for k in CLASSES]))
    P = P / np.maximum(P.sum(axis=1, keepdims=True), 1e-12)
    Q = P.copy()
    k = CLASSES.index("conflicting")
    Q[:, k] = np.where(Q[:, k] >= conflicting, Q[:, k], -1.0)
    i = Q.argmax(axis=1)
    return np.array(CLASSES)[i], P[np.arange(len(i)), i]


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
        self.cols = {k: d[k][rows] for k in ("rule", "exact", "unmentioned", "named", "slot_refuted", "swapped")}
        self.unmet = {lv: (None if col is None else d["X"][rows][:, list(FEATURES).index(col)] < 0.5)
                      for lv, col in SUPPORT_LEVELS.items()}

    def run(self, pred, prob, c) -> np.ndarray:
        """The verdicts of chain ``c`` (a ``qa.eval.verdict_loso.Chain``) from (label, probability) per row."""
        k = self.cols
        named = k["named"] if getattr(c, "sources", True) else None
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
