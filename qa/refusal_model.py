"""A learned answerability score over the refusal's signals (``qa.refusal.Signals``).

A logistic regression, fitted on tune splits only by ``python -m qa.eval.train_refusal`` and stored in
``qa/data/refusal_weights.json`` (feature names, standardisation, coefficients). Reading the file is lazy
and cached; scoring is a dot product. The reason a refusal gives stays typed: the rule that fired, else the
signal that weighs most against answering (``model_reason``).
"""
from __future__ import annotations

import functools
import json
import math
from pathlib import Path

from qa.frames import AnswerType, Refusal, RefusalReason
from qa.refusal import Signals

WEIGHTS = Path(__file__).parent / "data" / "refusal_weights.json"
# the evidence ranker's view (qa.rank via qa.refusal.rank_signals); qa.eval.train_refusal recomputes them per
# held-out set with a ranker fitted without that set
RANK_FEATURES = ("rank_best_p", "rank_margin", "rank_first_p", "rank_best_typed", "rank_best_untyped")
# session 19 (mixrefuse): the covering articles one by one (qa.refusal.read_signals, store_aware); article_gap
# is derived from article_share
STORE_FEATURES = ("article_share", "article_names", "n_articles", "top_gap", "article_gap")
_UNMET = (Refusal.NO_STATEMENT, Refusal.OFF_TOPIC_STATEMENT, Refusal.WRONG_TIME, Refusal.OTHER_AGENT,
          Refusal.OTHER_ROLE, Refusal.STATEMENT_ELSEWHERE, Refusal.NO_TYPED_ANSWER)


def features(sig: Signals) -> dict[str, float]:
    """The signals as numbers, by name (one-hot for the constraint that fired and the answer type)."""
    out = {
        "names_absent": float(bool(sig.absent)),
        "no_evidence": float(not sig.has_evidence),
        "top": sig.top,
        "top_dense": sig.top_dense,
        "found_dense": sig.found_dense,
        "typed": float(sig.typed),
        "typed_not_found": float(sig.typed and not sig.found),
        "share_raw": sig.share_raw,
        "share": sig.share,
        "missing": min(sig.n_missing, 5) / 5,
        "focus_missing": float(sig.focus_missing),
        "paraphrase": float(sig.paraphrase),
        "uncovered_rule": float(sig.has_evidence and not sig.covered),
        "statement": float(sig.asks_statement),
        "span_event_unmet": float(sig.span_event_unmet),
        "span_echo": float(sig.span_echo),
        "one_share": sig.one_share,
        "span_first": float(sig.span_first),
        "names_unseen": float(min(sig.names_unseen, 2)) / 2,
        "article_share": sig.article_share,
        "article_names": sig.article_names,
        "n_articles": min(sig.n_articles, 5) / 5,
        "top_gap": sig.top_gap,
    }
    out.update(derived(out))
    out.update(rank_features(sig.typed, sig.rank_best_p, sig.rank_margin, sig.rank_first_p, sig.rank_best_typed))
    for code in _UNMET:
        out[f"unmet_{code.value}"] = float(sig.unmet is not None and sig.unmet.code is code)
    for kind in AnswerType:
        out[f"type_{kind.value}"] = float(sig.answer_type is kind)
    return out


def derived(f: dict[str, float]) -> dict[str, float]:
    """Features computed from other features (so that rows traced before they existed get them too):
    ``article_gap``, the share of the question's words that only several articles together cover (one
    article's uncovered share minus the covering sentences' together, before the phrase credit)."""
    if "article_share" not in f or "share_raw" not in f:
        return {}
    return {"article_gap": max(0.0, f["article_share"] - f["share_raw"])}


def rank_features(typed: bool, best_p: float, margin: float, first_p: float, best_typed: bool) -> dict[str, float]:
    """The ranker's view as numbers: best probability, its margin, the hand order's first's probability, and
    for typed questions whether the best-ranked candidate holds a span of the expected type or not."""
    return {"rank_best_p": best_p, "rank_margin": margin, "rank_first_p": first_p,
            "rank_best_typed": float(typed and best_typed), "rank_best_untyped": float(typed and not best_typed)}


@functools.lru_cache(maxsize=4)
def load(path: str = str(WEIGHTS)) -> dict:
    """The weights file, read once per path."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    if not data.get("features") or len(data["features"]) != len(data["coef"]):
        raise ValueError(f"{path}: features and coef must be lists of the same length")
    return data


def reads_rank(path: str = str(WEIGHTS)) -> bool:
    """The weights read the ranker's view (``RANK_FEATURES``): only then does ``compose_ask`` compute it
    (``qa.refusal.rank_signals``) when the model decides."""
    return any(name in RANK_FEATURES for name in load(path)["features"])


def reads_store(path: str = str(WEIGHTS)) -> bool:
    """The weights read a store-aware signal (``STORE_FEATURES``): only then does ``qa.refusal.read_signals``
    read the covering articles one by one when the model decides."""
    return any(name in STORE_FEATURES for name in load(path)["features"])


def p_answerable(sig: Signals, path: str = str(WEIGHTS)) -> float:
    """The model's probability that the passages answer the question."""
    m = load(path)
    f = features(sig)
    z = m["intercept"] + sum(c * (f.get(name, 0.0) - mu) / sd
                             for name, c, mu, sd in zip(m["features"], m["coef"], m["mean"], m["scale"]))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def model_reason(sig: Signals) -> RefusalReason:
    """A typed reason when the model refuses a question no rule refused: what the signals lack most."""
    if sig.unmet is not None:
        return sig.unmet
    if sig.typed and not sig.found and sig.answer_type is not None:
        return RefusalReason(Refusal.NO_TYPED_ANSWER, answer_type=sig.answer_type)
    if sig.missing:
        return RefusalReason(Refusal.UNCOVERED, sig.missing[:3])
    return RefusalReason(Refusal.NO_EVIDENCE)
