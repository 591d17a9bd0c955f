"""The learned part of a verdict: a multinomial logistic regression over slot signals and scores.

``claim_features`` turns the claim's slots, the candidate evidence (scores and slots) and the rule
stances into a fixed vector (``FEATURES`` names each entry). ``VerdictModel`` holds the fitted
weights (``qa/data/verdict_weights.json``, written by ``python -m qa.eval.train_verdict``, which
also records the data it read and its fixed seed) and predicts in plain numpy: standardise,
affine map, softmax. Nothing here imports scikit-learn; loading is lazy and happens once.
"""
from __future__ import annotations

import json
import math
import re
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import numpy as np

from qa import lexicon as lx
from qa.slots import SlotFrame
from qa.stance import Slot, Stance, StanceCode

WEIGHTS = Path(__file__).resolve().parent / "data" / "verdict_weights.json"
TOP = 3  # the best-scored evidence units whose cue words are counted apart

BASE_FEATURES = (
    "dense_max", "dense_mean3", "lex_max", "score_max", "overlap_max", "overlap_mean3",
    "n_supports", "n_refutes", "n_hedged", "n_other_figure", "sup_score_max", "ref_score_max",
    "ref_figure", "ref_place", "ref_time", "ref_polarity", "ref_direction", "ref_actor",
    "sup_figure", "sup_content", "sup_polarity",
    "falsity_top", "negated_top", "denial_top", "truth_top", "unknown_top", "answer_no_top", "answer_yes_top",
    "hedged_top", "falsity_all", "negated_all", "answer_no_all", "answer_yes_all", "unknown_all",
    "claim_figure", "claim_polarity", "claim_hedged", "claim_length",
    "rule_supported", "rule_refuted", "rule_conflicting",
)
FEATURES = (*BASE_FEATURES, "qa_format_top", *(f"cue:{w}" for w in dict.fromkeys(lx.STANCE_CUES)),
            *(f"claim:{w}" for w in dict.fromkeys(lx.CLAIM_CUES)))
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")


def top_texts(stances: Sequence[Stance], frames: Sequence[SlotFrame]) -> list[str]:
    """The texts of the ``TOP`` best-scored evidence units."""
    pairs = sorted(zip(stances, frames), key=lambda sf: -sf[0].evidence.score)[:TOP]
    return [f.text for _, f in pairs]


def cue_features(claim: str, texts: Sequence[str]) -> np.ndarray:
    """Share of the top units that contain each stance cue word; which claim cue words the claim has;
    and the share of units that are a question with its answer."""
    unit_words = [set(_WORD.findall(t.lower())) for t in texts]
    n = max(len(texts), 1)
    claim_words = set(_WORD.findall(claim.lower()))
    qa = sum("?" in t for t in texts) / n
    cues = [sum(w in ws for ws in unit_words) / n for w in dict.fromkeys(lx.STANCE_CUES)]
    return np.array([qa, *cues, *(float(w in claim_words) for w in dict.fromkeys(lx.CLAIM_CUES))])


def claim_features(claim: SlotFrame, stances: Sequence[Stance], frames: Sequence[SlotFrame],
                   rule_verdict: str) -> np.ndarray:
    """The feature vector of one claim; ``stances[i]`` and ``frames[i]`` describe the same evidence."""
    return np.concatenate([base_features(claim, stances, frames, rule_verdict),
                           cue_features(claim.text, top_texts(stances, frames))])


def base_features(claim: SlotFrame, stances: Sequence[Stance], frames: Sequence[SlotFrame],
                  rule_verdict: str) -> np.ndarray:
    """The slot and score features (``BASE_FEATURES``)."""
    rel = [(s, f) for s, f in zip(stances, frames) if s.code is not StanceCode.OFF_TOPIC]
    by_score = sorted(zip(stances, frames), key=lambda sf: -sf[0].evidence.score)
    top = by_score[:TOP]
    dense = sorted((s.evidence.dense for s in stances), reverse=True)
    overlaps = sorted((_overlap(claim, f) for f in frames), reverse=True)

    def share(pairs, pred) -> float:
        return sum(1 for s, f in pairs if pred(f)) / len(pairs) if pairs else 0.0

    def count(code: StanceCode) -> float:
        return float(sum(1 for s, _ in rel if s.code is code))

    def best(code: StanceCode) -> float:
        return max((s.evidence.score for s, _ in rel if s.code is code), default=0.0)

    def any_slot(code: StanceCode, slot: Slot) -> float:
        return float(any(s.code is code and s.slot is slot for s, _ in rel))

    values = {
        "dense_max": dense[0] if dense else 0.0,
        "dense_mean3": float(np.mean(dense[:3])) if dense else 0.0,
        "lex_max": max((s.evidence.lexical for s in stances), default=0.0),
        "score_max": max((s.evidence.score for s in stances), default=0.0),
        "overlap_max": overlaps[0] if overlaps else 0.0,
        "overlap_mean3": float(np.mean(overlaps[:3])) if overlaps else 0.0,
        "n_supports": count(StanceCode.SUPPORTS), "n_refutes": count(StanceCode.REFUTES),
        "n_hedged": count(StanceCode.HEDGED), "n_other_figure": count(StanceCode.OTHER_FIGURE),
        "sup_score_max": best(StanceCode.SUPPORTS), "ref_score_max": best(StanceCode.REFUTES),
        "ref_figure": any_slot(StanceCode.REFUTES, Slot.FIGURE), "ref_place": any_slot(StanceCode.REFUTES, Slot.PLACE),
        "ref_time": any_slot(StanceCode.REFUTES, Slot.TIME),
        "ref_polarity": any_slot(StanceCode.REFUTES, Slot.POLARITY),
        "ref_direction": any_slot(StanceCode.REFUTES, Slot.DIRECTION),
        "ref_actor": any_slot(StanceCode.REFUTES, Slot.ACTOR),
        "sup_figure": any_slot(StanceCode.SUPPORTS, Slot.FIGURE),
        "sup_content": any_slot(StanceCode.SUPPORTS, Slot.CONTENT),
        "sup_polarity": any_slot(StanceCode.SUPPORTS, Slot.POLARITY),
        "falsity_top": share(top, lambda f: bool(f.falsity)), "negated_top": share(top, lambda f: f.negated),
        "denial_top": share(top, lambda f: bool(f.denial)), "truth_top": share(top, lambda f: bool(f.truth)),
        "unknown_top": share(top, lambda f: f.unknown), "answer_no_top": share(top, lambda f: f.answer == "no"),
        "answer_yes_top": share(top, lambda f: f.answer == "yes"), "hedged_top": share(top, lambda f: f.hedged),
        "falsity_all": share(rel, lambda f: bool(f.falsity)), "negated_all": share(rel, lambda f: f.negated),
        "answer_no_all": share(rel, lambda f: f.answer == "no"),
        "answer_yes_all": share(rel, lambda f: f.answer == "yes"), "unknown_all": share(rel, lambda f: f.unknown),
        "claim_figure": float(bool(claim.figures)), "claim_polarity": float(bool(claim.polarity_cues)),
        "claim_hedged": float(claim.hedged), "claim_length": math.log1p(len(claim.text.split())),
        "rule_supported": float(rule_verdict == "supported"), "rule_refuted": float(rule_verdict == "refuted"),
        "rule_conflicting": float(rule_verdict == "conflicting"),
    }
    return np.array([values[name] for name in BASE_FEATURES], dtype=np.float64)


def _overlap(claim: SlotFrame, f: SlotFrame) -> float:
    return len(claim.terms & f.terms) / len(claim.terms) if claim.terms else 0.0


@dataclass(frozen=True)
class VerdictModel:
    classes: tuple[str, ...]
    features: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray  # (classes, features)
    intercept: np.ndarray

    @classmethod
    def from_dict(cls, d: dict) -> "VerdictModel":
        if tuple(d["features"]) != FEATURES:
            raise ValueError(f"verdict weights were fitted on other features ({len(d['features'])} named); "
                             "retrain with python -m qa.eval.train_verdict")
        return cls(tuple(d["classes"]), tuple(d["features"]), np.array(d["mean"]), np.array(d["scale"]),
                   np.array(d["coef"]), np.array(d["intercept"]))

    def proba(self, x: np.ndarray) -> np.ndarray:
        """Class probabilities for one vector (or rows of vectors)."""
        z = ((np.atleast_2d(x) - self.mean) / self.scale) @ self.coef.T + self.intercept
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        return p if np.ndim(x) == 2 else p[0]

    def predict(self, x: np.ndarray) -> tuple[str, float]:
        p = self.proba(x)
        i = int(np.argmax(p))
        return self.classes[i], float(p[i])


_lock = threading.Lock()
_model: VerdictModel | None = None


def default_model() -> VerdictModel | None:
    """The shipped model (loaded once), or None when no weights file is there."""
    global _model
    if _model is None and WEIGHTS.is_file():
        with _lock:
            if _model is None:
                _model = VerdictModel.from_dict(json.loads(WEIGHTS.read_text(encoding="utf-8")))
    return _model
