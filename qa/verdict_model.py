"""The learned part of a verdict: a multinomial logistic regression over slot signals and scores.

``qa.verdict_features.claim_features`` turns the claim's slots, the candidate evidence (scores and
slots) and the rule stances into a fixed vector (``FEATURES`` names each entry). ``VerdictModel`` holds the fitted
weights (``qa/data/verdict_weights.json``, written by ``python -m qa.eval.train_verdict``, which
also records the data it read and its fixed seed) and predicts in plain numpy: standardise,
affine map, softmax. Nothing here imports scikit-learn; loading is lazy and happens once.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from qa.verdict_features import FEATURES
from qa.weights import read_once

WEIGHTS = Path(__file__).resolve().parent / "data" / "verdict_weights.json"


@dataclass(frozen=True)
class VerdictModel:
    classes: tuple[str, ...]
    features: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray  # (classes, features)
    intercept: np.ndarray
    # Per-class offsets added to the logits, chosen by cross-validation for macro-F1 (the fit favours
    # the common verdicts); zeros when the weights file has none.
    offsets: np.ndarray | None = None

    @classmethod
    def from_dict(cls, d: dict) -> "VerdictModel":
        if tuple(d["features"]) != FEATURES:
            raise ValueError(f"verdict weights were fitted on other features ({len(d['features'])} named); "
                             "retrain with python -m qa.eval.train_verdict")
        offsets = d.get("offsets") or {}
        return cls(tuple(d["classes"]), tuple(d["features"]), np.array(d["mean"]), np.array(d["scale"]),
                   np.array(d["coef"]), np.array(d["intercept"]),
                   np.array([float(offsets.get(c, 0.0)) for c in d["classes"]]))

    def proba(self, x: np.ndarray) -> np.ndarray:
        """Class probabilities for one vector (or rows of vectors)."""
        z = ((np.atleast_2d(x) - self.mean) / self.scale) @ self.coef.T + self.intercept
        if self.offsets is not None:
            z = z + self.offsets
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        return p if np.ndim(x) == 2 else p[0]

    def predict(self, x: np.ndarray, floors: dict[str, float] | None = None) -> tuple[str, float]:
        """The most probable class and its probability; a class whose probability is below its entry
        in ``floors`` is passed over (unless every class is)."""
        p = self.proba(x)
        keep = np.array([p[i] >= (floors or {}).get(c, 0.0) for i, c in enumerate(self.classes)])
        i = int(np.argmax(np.where(keep, p, -1.0))) if keep.any() else int(np.argmax(p))
        return self.classes[i], float(p[i])


@functools.lru_cache(maxsize=1)
def default_model() -> VerdictModel | None:
    """The shipped model (built once from ``qa.weights.read_once``), or None when no weights file is there."""
    data = read_once(WEIGHTS)
    return VerdictModel.from_dict(data) if data is not None else None
