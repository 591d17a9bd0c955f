"""The feature rows of a question's candidate evidence sentences, read by the evidence ranker (``qa.rank``).

``candidate_features(qf, question, evidence, reader, dates, about_now)`` gives one row per candidate
(``FEATURES`` names each column). Every feature is generic (no word list): it reads retrieval's scores,
the question's frame (``qa.parse.question_frame``) and the sentence's cached frame (``Reader.frames``).

- retrieval: dense, lexical and hybrid score standardised within the question's candidates, the gap to
  the best dense score, the candidate's place in the incoming order and its chunk's rank;
- answer type: the sentence holds a span of the expected type (``qa.spans.spans_in``) or holds none; for
  figure questions, a figure that counts the asked noun / has the asked unit, any figure, no figure;
- constraints: share of the question's constraint names (``QuestionFrame.constraint_names``) the sentence
  mentions, and the sentence with its neighbours;
- words: share of the question's content lemmas in the sentence, its search terms in the sentence and
  its neighbours, the question's verb, new terms (``qa.choose.new_terms``) and the echo flag;
- the other part: share of the question's search terms that the incoming first candidate (with its
  neighbours) leaves out and this sentence holds (a two-part question answered by two sentences);
- form: attributed speaker (and whether the question asks who said it), caption, fragment, question mark;
- roles (``qa.rank_roles.ROLE_FEATURES``): a why-question's reason given, a verb of the question as a verb of
  the sentence, a doer of it that the question does not name;
- place: the sentence's position in its article; for questions about now, the rank of its article's date
  among the candidates' and its age in days before the day asked (``as_of``; else the newest candidate's).
"""
from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Sequence

import numpy as np

from qa.choose import new_terms
from qa.config import DEFAULT
from qa.frames import AnswerType, QuestionFrame
from qa.rank_roles import ROLE_FEATURES, role_row
from qa.reader import Reader, mentions
from qa.retrieve import Evidence, ends_in_question, is_fragment, query_terms, standardised
from qa.setting_check import around_rows
from qa.spans import spans_in, typed

FEATURES = (
    "dense_z", "lex_z", "score_z", "dense_gap", "prior_rank", "chunk_rank",
    "typed_span", "typed_none", "figure_counted", "figure_any", "figure_none",
    "names_met", "names_context", "lemma_share", "terms_context", "event_verb", "new_terms", "echo",
    "speaker", "asked_speaker", "caption", "fragment", "question_mark",
    "position", "date_rank", "date_age", "other_part",
) + ROLE_FEATURES


def _share(have: int, total: int) -> float:
    return have / total if total else 0.0


def _date_ranks(evidence: Sequence[Evidence], dates: Mapping | None) -> list[float]:
    """Per candidate, the rank of its article's date among the candidates' dated articles (0 = newest,
    1 = oldest; undated: 1)."""
    days = [getattr(dates.get(e.sentence.doc_id), "date", None) if dates else None for e in evidence]
    known = sorted({d for d in days if d is not None}, reverse=True)
    if len(known) < 2:
        return [0.0 if d is not None else 1.0 for d in days] if known else [0.0] * len(days)
    pos = {d: i / (len(known) - 1) for i, d in enumerate(known)}
    return [pos[d] if d is not None else 1.0 for d in days]


def _date_ages(evidence: Sequence[Evidence], dates: Mapping | None, as_of) -> list[float]:
    """Per candidate, log(1 + days between its article's date and ``as_of``, or the newest candidate date);
    undated: the oldest candidate's value."""
    days = [getattr(dates.get(e.sentence.doc_id), "date", None) if dates else None for e in evidence]
    known = [d for d in days if d is not None]
    if not known:
        return [0.0] * len(days)
    ref = as_of or max(known)
    ages = [math.log1p(abs((ref - d).days)) if d is not None else None for d in days]
    worst = max(a for a in ages if a is not None)
    return [worst if a is None else a for a in ages]


def _left_out(qterms: frozenset[str] | set[str], first: Evidence, reader: Reader) -> set[str]:
    """The question's search terms that the first candidate and its two neighbours do not hold."""
    if not qterms:
        return set()
    have = set().union(*(reader.store.sentence_terms(r) for r in around_rows(reader, first.row)))
    return set(qterms) - have


def candidate_features(qf: QuestionFrame, question: str, evidence: Sequence[Evidence], reader: Reader,
                       dates: Mapping | None = None, about_now: bool = False, as_of=None) -> np.ndarray:
    """A (len(evidence), len(FEATURES)) array; ``evidence`` in its current order, best first."""
    n = len(evidence)
    out = np.zeros((n, len(FEATURES)), np.float64)
    if not n:
        return out
    col = {f: i for i, f in enumerate(FEATURES)}
    dense = np.array([e.dense for e in evidence], np.float64)
    out[:, col["dense_z"]] = standardised(dense)
    out[:, col["lex_z"]] = standardised(np.array([e.lexical for e in evidence], np.float64))
    out[:, col["score_z"]] = standardised(np.array([e.score for e in evidence], np.float64))
    out[:, col["dense_gap"]] = dense - dense.max()
    frames = reader.frames([e.row for e in evidence])
    qterms = query_terms(question)
    names = qf.constraint_names()
    is_typed = typed(qf) and not (qf.wants_list or qf.answer_type is AnswerType.LIST)
    ranks = _date_ranks(evidence, dates) if about_now else [0.0] * n
    ages = _date_ages(evidence, dates, as_of) if about_now else [0.0] * n
    store = reader.store
    left = _left_out(qterms, evidence[0], reader)
    for i, (e, f) in enumerate(zip(evidence, frames)):
        row = out[i]
        text = e.sentence.text
        row[col["prior_rank"]] = math.log1p(i)
        row[col["chunk_rank"]] = math.log1p(e.chunk_rank)
        if is_typed:
            has = bool(spans_in(qf, f))
            row[col["typed_span"]] = float(has)
            row[col["typed_none"]] = float(not has)
        if qf.is_figure:
            counted = any((qf.counted and g.counted == qf.counted) or (qf.unit and g.unit == qf.unit)
                          for g in f.figures)
            row[col["figure_counted"]] = float(counted)
            row[col["figure_any"]] = float(bool(f.figures))
            row[col["figure_none"]] = float(not f.figures)
        around = [r for r in (reader.neighbour(e.row, -1), reader.neighbour(e.row, 1)) if r is not None]
        if names:
            row[col["names_met"]] = _share(sum(mentions(text, nm) for nm in names), len(names))
            ctx = " ".join([store.sentences[r].text for r in around] + [text])
            row[col["names_context"]] = _share(sum(mentions(ctx, nm) for nm in names), len(names))
        row[col["lemma_share"]] = _share(len(qf.lemmas & f.lemmas), len(qf.lemmas))
        if qterms:
            terms = set(store.sentence_terms(e.row))
            for r in around:
                terms |= store.sentence_terms(r)
            row[col["terms_context"]] = _share(len(qterms & terms), len(qterms))
        row[col["event_verb"]] = float(bool(qf.event) and qf.event in f.lemmas)
        new = new_terms(e, qterms, reader)
        row[col["new_terms"]] = math.log1p(new)
        row[col["echo"]] = float(new < DEFAULT.echo_min_new)  # restates the question, as qa.choose
        spoken = f.speaker is not None or bool(f.reporters)
        row[col["speaker"]] = float(spoken)
        row[col["asked_speaker"]] = float(spoken and (qf.asks_source or qf.asks_statement))
        row[col["caption"]] = float(e.sentence.caption)
        row[col["fragment"]] = float(is_fragment(text))
        row[col["question_mark"]] = float(ends_in_question(text))
        row[col["position"]] = math.log1p(e.sentence.index)
        row[col["date_rank"]] = ranks[i]
        row[col["date_age"]] = ages[i]
        if left and i:
            row[col["other_part"]] = _share(len(left & store.sentence_terms(e.row)), len(left))
        row[col[ROLE_FEATURES[0]]:col[ROLE_FEATURES[-1]] + 1] = role_row(qf, f, row[col["lemma_share"]],
                                                                           e.sentence.index)
    return out
