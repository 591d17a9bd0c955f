"""Rank candidate sentences as answers to a question, from the question frame and each sentence's
evidence frame (not from retrieval scores alone).

Retrieval scores a sentence by its similarity to the whole question; a long news-quiz stem ("...
this week to pay tribute to soccer great X. Which country ...") then favours sentences that repeat
the stem over the one that answers it. ``answer_features`` describes how a candidate satisfies the
question frame: a span of the expected answer type present, the question's names and main verb in
the sentence or its article's title, the article's recency (for questions about now), whether the
sentence is a headline fragment. ``AnswerRanker`` (a logistic model fitted on the RealTimeQA
*tune* split by ``python -m qa.eval.train_answer_rank``; weights in
``qa/data/answer_rank_weights.json``) turns them into a score adjustment: each candidate's score
gains ``(w . x - mean over the candidates) / w_score``, so the order follows the fitted model while
the level of the scores (and the refusal thresholds read on them) stays as retrieval set it.

Pure numpy at run time; the weights load lazily, once.
"""
from __future__ import annotations

import json
import math
import threading
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from qa.frames import EvidenceFrame, QuestionFrame
from qa.names import normalise
from qa.reader import Reader, mentions
from qa.retrieve import Evidence
from qa.spans import _in_question, spans_in, typed
from qa.timeline import ArticleDate, TimeFocus, recency_weight
from qa.config import TimeConfig

WEIGHTS = Path(__file__).resolve().parent / "data" / "answer_rank_weights.json"

FEATURES = (
    "score",  # retrieval score (the unit the adjustment is expressed in)
    "dense",  # cosine of the sentence to the question
    "lexical",  # share of the question's terms in the sentence
    "typed_span",  # the question expects a typed span and the sentence holds one (not a name the question uses)
    "typed_none",  # the question expects a typed span and the sentence holds none
    "names_in_sentence",  # share of the question's names the sentence mentions
    "names_in_context",  # share mentioned in the sentence, the ones before it or its article's title
    "event_in_sentence",  # the question's main verb (lemma) is in the sentence
    "lemma_overlap",  # share of the question's content lemmas among the sentence's
    "recent_now",  # recency weight of the article, when the question is about now (else 0)
    "recent",  # recency weight of the article, whatever the question
    "headline",  # a headline or label fragment: no final punctuation, a "|" or a ":" lead-in
    "lead",  # among the first three sentences of its article
    "article_hits",  # share of the candidates that come from the same article (the article is on topic)
    "dense_ask",  # cosine of the sentence to the question's asking sentence (the preamble left out)
    "type_word",  # the sentence uses the word naming the answer's type ("which team" -> "team")
    "new_entity",  # the sentence names an entity the question does not
)


@dataclass(frozen=True)
class Candidate:
    evidence: Evidence
    features: tuple[float, ...]


def _headline(text: str) -> bool:
    t = text.strip()
    if "|" in t or t.endswith(("...", "…")):
        return True
    head = t.split(":", 1)[0]
    if ":" in t and len(head.split()) <= 4 and not head.endswith(("said", "says")):
        return True
    return not t.rstrip("”\"'’)").endswith((".", "!", "?"))


def answer_features(qf: QuestionFrame, evidence: list[Evidence], reader: Reader,
                    dates: Mapping[str, ArticleDate | None] | None, focus: TimeFocus,
                    time_cfg: TimeConfig = TimeConfig(), ask_vector: np.ndarray | None = None) -> list[Candidate]:
    """One feature vector (``FEATURES``) per candidate, in the order given; ``ask_vector``: the
    asking sentence's vector (None: each candidate's ``dense`` stands in)."""
    if not evidence:
        return []
    if ask_vector is not None:
        vecs = np.asarray(reader.store.sentence_vectors[[e.row for e in evidence]], np.float32)
        ask_sims = (vecs @ np.asarray(ask_vector, np.float32)).tolist()
    else:
        ask_sims = [e.dense for e in evidence]
    type_stem = qf.type_word[:5] if qf.type_word else None
    frames: list[EvidenceFrame] = reader.frames([e.row for e in evidence])
    names = [e.text for e in qf.entities if normalise(e.text)]
    qlem = {w for w in qf.lemmas if len(w) > 2}
    ds = [(dates.get(e.sentence.doc_id) if dates else None) for e in evidence]
    newest = max((d.date for d in ds if d is not None), default=None)
    per_doc: dict[str, int] = {}
    for e in evidence:
        per_doc[e.sentence.doc_id] = per_doc.get(e.sentence.doc_id, 0) + 1
    is_typed = typed(qf)
    out = []
    for ev, frame, d, ask_sim in zip(evidence, frames, ds, ask_sims):
        text = ev.sentence.text
        ctx = None
        in_sent = in_ctx = 0
        for n in names:
            if mentions(text, n):
                in_sent += 1
                in_ctx += 1
            else:
                ctx = ctx if ctx is not None else reader.context_text(ev.row)
                in_ctx += mentions(ctx, n)
        has_span = bool(spans_in(qf, frame)) if is_typed else False
        w = recency_weight(d.date if d else None, newest, time_cfg) if newest else time_cfg.undated_weight
        rows = reader.store.sentences_of(ev.sentence.doc_id)
        lead = ev.row in rows[:3]
        x = (ev.score, ev.dense, ev.lexical, float(is_typed and has_span), float(is_typed and not has_span),
             in_sent / len(names) if names else 0.0, in_ctx / len(names) if names else 0.0,
             float(bool(qf.event) and qf.event in frame.lemmas),
             len(qlem & frame.lemmas) / len(qlem) if qlem else 0.0,
             w if focus is TimeFocus.PRESENT else 0.0, w, float(_headline(text)), float(lead),
             per_doc[ev.sentence.doc_id] / len(evidence), float(ask_sim),
             float(bool(type_stem) and any(w[:5] == type_stem for w in frame.lemmas)),
             float(any(not _in_question(qf, e.text) for e in frame.entities)))
        out.append(Candidate(ev, x))
    return out


@dataclass(frozen=True)
class AnswerRanker:
    features: tuple[str, ...]  # the subset of FEATURES it was fitted on, "score" first
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float

    @classmethod
    def from_dict(cls, d: dict) -> "AnswerRanker":
        if not d["features"] or d["features"][0] != "score" or not set(d["features"]) <= set(FEATURES):
            raise ValueError("answer-rank weights name features qa.rank does not compute (or do not start with "
                             "score); refit with python -m qa.eval.train_answer_rank")
        return cls(tuple(d["features"]), np.array(d["mean"]), np.array(d["scale"]), np.array(d["coef"]),
                   float(d["intercept"]))

    def logits(self, x: np.ndarray) -> np.ndarray:
        return ((np.atleast_2d(x) - self.mean) / self.scale) @ self.coef + self.intercept

    def adjust(self, cands: list[Candidate], cap: float) -> list[Evidence]:
        """The candidates re-scored: score + (logit - mean logit) / (score's weight), at most
        ``cap`` either way, best first."""
        if not cands:
            return []
        idx = [FEATURES.index(n) for n in self.features]
        x = np.array([c.features for c in cands], float)[:, idx]
        z = self.logits(x)
        per_score = self.coef[0] / self.scale[0]  # logit per unit of retrieval score
        if not math.isfinite(per_score) or per_score <= 0:
            return [c.evidence for c in cands]
        delta = np.clip((z - z.mean() - (x[:, 0] - x[:, 0].mean()) * per_score) / per_score, -cap, cap)
        out = [replace(c.evidence, score=float(c.evidence.score + dl)) for c, dl in zip(cands, delta)]
        return sorted(out, key=lambda e: -e.score)


_lock = threading.Lock()
_ranker: AnswerRanker | None = None


def ranker() -> AnswerRanker | None:
    """The fitted ranker (``qa/data/answer_rank_weights.json``), or None when there is no weights file."""
    global _ranker
    with _lock:
        if _ranker is None and WEIGHTS.is_file():
            _ranker = AnswerRanker.from_dict(json.loads(WEIGHTS.read_text(encoding="utf-8")))
        return _ranker


def rank_answers(qf: QuestionFrame, evidence: list[Evidence], reader: Reader,
                 dates: Mapping[str, ArticleDate | None] | None, focus: TimeFocus, top_n: int, cap: float,
                 time_cfg: TimeConfig = TimeConfig(), ask_vector: np.ndarray | None = None) -> list[Evidence]:
    """``evidence`` with its best ``top_n`` re-scored by the fitted ranker (the rest unchanged)."""
    model = ranker()
    if model is None or len(evidence) < 2:
        return evidence
    head, tail = evidence[:top_n], evidence[top_n:]
    ranked = model.adjust(answer_features(qf, head, reader, dates, focus, time_cfg, ask_vector), cap)
    return sorted(ranked + tail, key=lambda e: -e.score)


__all__ = ["FEATURES", "AnswerRanker", "Candidate", "answer_features", "rank_answers", "ranker"]
