"""The learned evidence ranker: which candidate sentence answers the question.

``rerank(qf, question, evidence, reader, min_score, ...)`` re-orders the first ``RankConfig.top_n``
candidates that retrieval finds relevant (score at least ``min_score``) by a pointwise logistic
regression over ``qa.rank_features.FEATURES`` (weights: ``qa/data/rank_weights.json``, written by
``python -m qa.eval.train_rank``, which records its command and data), with the incoming order as a
prior (``RankConfig.keep_first`` for the first place, ``RankConfig.order_prior`` below it). The
re-ordered candidates keep their own dense and lexical scores and take the relevant scores in their new
order (the best-ranked takes the highest score), so that what reads ``Evidence.score`` afterwards (``diversify``, span windows)
sees the new order and the same set of relevant candidates. Plain numpy; loading is lazy and once.
"""
from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from qa.config import RANK, RETRIEVAL, RankConfig, RetrievalConfig
from qa.frames import QuestionFrame
from qa.rank_features import FEATURES, candidate_features
from qa.rank_second import SECOND_FEATURES, second_columns
from qa.reader import Reader
from qa.retrieve import Evidence, cloze_tail
from qa.weights import read_once

WEIGHTS = Path(__file__).resolve().parent / "data" / "rank_weights.json"
# the ranker with a second sentence model's features (RankConfig.second_model; qa.rank_second)
SECOND_WEIGHTS = {"mpnet": Path(__file__).resolve().parent / "data" / "rank_weights_mpnet.json"}


@dataclass(frozen=True)
class RankModel:
    features: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray  # (features,)
    intercept: float

    @property
    def second(self) -> bool:
        """The model reads a second sentence model's columns (``qa.rank_second``)."""
        return self.features == FEATURES + SECOND_FEATURES

    @classmethod
    def from_dict(cls, d: dict) -> "RankModel":
        if tuple(d["features"]) not in (FEATURES, FEATURES + SECOND_FEATURES):
            raise ValueError(f"rank weights were fitted on other features ({len(d['features'])} named); "
                             "retrain with python -m qa.eval.train_rank")
        return cls(tuple(d["features"]), np.array(d["mean"], float), np.array(d["scale"], float),
                   np.array(d["coef"], float), float(d["intercept"]))

    def logits(self, x: np.ndarray, keep_first: float = 0.0, order_prior: float = 0.0) -> np.ndarray:
        """The log-odds that each row's sentence holds the answer; the first row (the incoming best)
        gains ``keep_first``, and the row at incoming place i loses ``order_prior * log(1 + i)``."""
        z = ((np.atleast_2d(x) - self.mean) / self.scale) @ self.coef + self.intercept
        if len(z):
            z[0] += keep_first
            z -= order_prior * np.log1p(np.arange(len(z)))
        return z


def order(logits: np.ndarray) -> list[int]:
    """Positions best first; ties keep the incoming order."""
    return sorted(range(len(logits)), key=lambda i: (-float(logits[i]), i))


def relevant_head(evidence: list[Evidence], min_score: float, top_n: int) -> int:
    """How many of the first ``top_n`` candidates (best first) score at least ``min_score``: the ones the
    ranker re-orders and featurises."""
    k = 0
    while k < min(top_n, len(evidence)) and evidence[k].score >= min_score:
        k += 1
    return k


@functools.lru_cache(maxsize=4)
def default_model(second: str = "") -> RankModel | None:
    """The shipped model (built once from ``qa.weights.read_once``), or None when no weights file is there;
    ``second``: the one with that second sentence model's features (``SECOND_WEIGHTS``)."""
    if second and second not in SECOND_WEIGHTS:
        raise ValueError(f"no ranker weights for second model {second!r}; choose one of: {', '.join(SECOND_WEIGHTS)}")
    data = read_once(SECOND_WEIGHTS[second] if second else WEIGHTS)
    return RankModel.from_dict(data) if data is not None else None


def continues_cloze(question: str, first: Evidence, cfg: RetrievalConfig = RETRIEVAL) -> bool:
    """Retrieval's cloze bonus fired on ``first``: the question is a fill-in-the-blank one and ``first`` continues
    its last words (``qa.retrieve.cloze_tail``), a signal the ranker's features do not carry."""
    stem = cloze_tail(question, cfg.cloze_words) if cfg.cloze_bonus > 0 else None
    return stem is not None and bool(stem.search(first.sentence.text))


def rerank(qf: QuestionFrame, question: str, evidence: list[Evidence], reader: Reader, min_score: float,
           dates: Mapping | None = None, about_now: bool = False, as_of=None, cfg: RankConfig = RANK,
           model: RankModel | None = None) -> list[Evidence]:
    """``evidence`` (best first) with its first ``cfg.top_n`` relevant candidates re-ordered by the model;
    unchanged when the ranker is off, has no weights, or there is nothing to re-order; for figure questions (their
    candidates keep the hand order, which ``qa.select`` builds the figure table from: an attributed figure heads an
    unattributed one, and ``ask`` and ``check`` of its headline agree); and when the first candidate continues a
    fill-in-the-blank question (``continues_cloze``)."""
    model = model or (default_model(cfg.second_model) if cfg.enabled else None)
    if not cfg.enabled or model is None or qf.is_figure:
        return evidence
    k = relevant_head(evidence, min_score, cfg.top_n)
    if k < 2 or continues_cloze(question, evidence[0]):
        return evidence
    head = evidence[:k]
    x = candidate_features(qf, question, head, reader, dates, about_now, as_of)
    if model.second:
        x = np.hstack([x, second_columns(question, head, reader.store, cfg.second_model or "mpnet", cfg.second_runtime)])
    new = order(model.logits(x, cfg.keep_first, cfg.order_prior))
    if new == list(range(k)):
        return evidence
    scores = sorted((e.score for e in head), reverse=True)
    return [replace(head[j], score=s) for j, s in zip(new, scores)] + evidence[k:]
