"""Sentence choice among relevant candidates: prefer the sentence that answers over the one that
echoes the question.

Retrieval scores a sentence by its likeness to the whole question, so a sentence that restates the
question ("Several grocery items have gotten more expensive this year." for "... nothing comes close
to the rising cost of which popular food?") outranks the one that names the answer. Two adjustments,
both after retrieval and recency (the refusal thresholds keep reading retrieval's own scores):

- ``echo_penalty``: a sentence that adds fewer than ``echo_min_new`` content terms to the question's
  (``qa.retrieve.query_terms``; BM25 terms: stemmed, stop-worded) says nothing the question does not;
- ``typed_bonus``: for a question that expects a named type (person, organisation, place, date:
  ``qa.spans.typed``), a sentence among the first ``choose_top_n``, within ``typed_window`` of the
  best score, that holds a span of that type not named in the question (``qa.spans.spans_in``) gains
  the bonus (not for list questions, whose items the context sentences hold).

Values and the runs that chose them: ``qa.config.Config`` (echo_penalty, echo_min_new, typed_bonus,
choose_top_n).
"""
from __future__ import annotations

import re
from dataclasses import replace

from qa.config import Config
from qa.frames import AnswerType, QuestionFrame
from qa.holders import asked_title, holds_title
from qa.parse import question_doc
from qa.reader import Reader
from qa.retrieve import Evidence, query_terms
from qa.spans import spans_in, typed


def new_terms(evidence: Evidence, question_terms: set[str] | frozenset[str], reader: Reader) -> int:
    """How many content terms the sentence has that the question does not."""
    return len(reader.store.sentence_terms(evidence.row) - set(question_terms))


def echoes(evidence: Evidence, question_terms: set[str] | frozenset[str], reader: Reader, min_new: int) -> bool:
    """The sentence adds fewer than ``min_new`` content terms to the question's: it restates it."""
    return new_terms(evidence, question_terms, reader) < min_new


def prefer_answers(qf: QuestionFrame, question: str, evidence: list[Evidence], reader: Reader,
                   cfg: Config) -> list[Evidence]:
    """``evidence`` re-scored (module doc) and re-sorted, best first; unchanged when both adjustments
    are off. Only the first ``cfg.choose_top_n`` candidates are adjusted (and parsed, for spans)."""
    if not evidence:
        return evidence
    evidence = holders_first(question, evidence, reader, cfg)
    if cfg.echo_penalty <= 0 and cfg.typed_bonus <= 0:
        return evidence
    head, tail = evidence[: cfg.choose_top_n], evidence[cfg.choose_top_n:]
    qterms = query_terms(question)
    delta = [0.0] * len(head)
    if cfg.echo_penalty > 0 and qterms:
        for i, ev in enumerate(head):
            if echoes(ev, qterms, reader, cfg.echo_min_new):
                delta[i] -= cfg.echo_penalty
    if cfg.typed_bonus > 0 and typed(qf) and not (qf.wants_list or qf.answer_type is AnswerType.LIST):
        # one typed span answers; a list ("which two bodies", "near which places") spans several sentences
        floor = head[0].score - cfg.typed_window
        near = [i for i, e in enumerate(head) if e.score >= floor]
        for i, frame in zip(near, reader.frames([head[i].row for i in near])):
            if spans_in(qf, frame):
                delta[i] += cfg.typed_bonus
    if not any(delta):
        return evidence
    moved = [replace(e, score=e.score + d) if d else e for e, d in zip(head, delta)] + tail
    order = sorted(range(len(moved)), key=lambda i: (-moved[i].score, i))
    return [moved[i] for i in order]


def holders_first(question: str, evidence: list[Evidence], reader: Reader, cfg: Config) -> list[Evidence]:
    """For "who is <title>" (``qa.holders.asked_title``), the candidates that name a person with that title
    gain ``cfg.holder_bonus``: among every candidate (the title word is searched for first, so only
    those are parsed)."""
    if cfg.holder_bonus <= 0:
        return evidence
    asked = asked_title(question_doc(question))
    if asked is None:
        return evidence
    stem = re.compile(rf"\b{re.escape(asked.title[:5])}", re.I)
    near = [i for i, e in enumerate(evidence) if stem.search(e.sentence.text)]
    if not near:
        return evidence
    won = {i for i, frame in zip(near, reader.frames([evidence[i].row for i in near])) if holds_title(frame, asked)}
    if not won:
        return evidence
    moved = [replace(e, score=e.score + cfg.holder_bonus) if i in won else e for i, e in enumerate(evidence)]
    return sorted(moved, key=lambda e: -e.score)
