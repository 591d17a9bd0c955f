"""Role features of one candidate sentence for the evidence ranker (``qa.rank_features``): does the sentence
answer the question, or only talk about what it talks about?

All are read from the question's frame (``qa.parse.question_frame``) and the sentence's cached frame
(``EvidenceFrame``: its verbs and their doers, its entities, its reason clause), so they cost no parse:

- ``reason_given``: a why-question and the sentence states a reason or purpose (``EvidenceFrame.reason``);
- ``event_predicate``: a verb of the question (``question_verbs``, reporting verbs included) is a verb of the
  sentence, not only a word of it ("reported" as a verb, not "reports" as a noun);
- ``subject_named``: the question's subject (the doer of its verb, ``event_agent``; else its named
  constraints) is the subject of a verb of the sentence;
- ``new_doer``: the sentence names who does a verb of the question, and that doer is not in the question (the
  who-did-it answer);
- ``new_entities``: how many named things the sentence adds to the question's (log 1 + n);
- ``restates``: the share of the question's content words the sentence holds when it adds no named thing
  and no figure (it says again what the question says: a headline, a summary);
- ``headline``: the article's first sentence without closing punctuation (a title).
"""
from __future__ import annotations

import functools
import math
import re

from qa.frames import AnswerType, EvidenceFrame, QuestionFrame
from qa.nlp import parsed
from qa.reader import mentions
from qa.spans import in_question

ALL_ROLE_FEATURES = ("reason_given", "event_predicate", "subject_named", "new_doer", "new_entities", "restates",
                     "headline")
# the ones the ranker reads (qa.rank_features.FEATURES): those whose direction agrees on the seed dev sets
# (gold_v3..v7) and the RealTimeQA tune weeks (a positive sentence has them more often than a negative one of the
# same question); headline and restates point opposite ways on the two corpora, new_entities and subject_named
# are flat or reversed on one of them (docs/eval/s17-rank.md)
ROLE_FEATURES = ("reason_given", "event_predicate", "new_doer")

_CLOSED = re.compile(r"[.!?\"”’')\]]\s*$")


@functools.lru_cache(maxsize=4096)
def question_verbs(question: str) -> frozenset[str]:
    """Lemmas of the question's verbs (auxiliaries aside), from its cached parse (``qa.nlp.parsed``)."""
    return frozenset(t.lemma_.lower() for t in parsed(question) if t.pos_ == "VERB")


def _subjects(qf: QuestionFrame) -> list[str]:
    """The names the question's subject is written with: the doer of its verb, else its named constraints."""
    return [qf.event_agent] if qf.event_agent else qf.constraint_names()


def new_entity_count(qf: QuestionFrame, f: EvidenceFrame) -> int:
    """Distinct named things of the sentence that the question does not name."""
    return len({e.text.lower() for e in f.entities if not in_question(qf, e.text)})


def is_headline(text: str, index: int) -> bool:
    """The article's first sentence with no closing punctuation: its title."""
    return index == 0 and not _CLOSED.search(text)


def _new_doer(qf: QuestionFrame, f: EvidenceFrame, verbs: frozenset[str]) -> bool:
    return any(v in verbs and who and not in_question(qf, who) for v, who in f.doers)


def _restates(qf: QuestionFrame, f: EvidenceFrame, lemma_share: float) -> float:
    new = new_entity_count(qf, f) or any(not in_question(qf, g.text) for g in f.figures)
    return 0.0 if new else lemma_share


def role_values(qf: QuestionFrame, f: EvidenceFrame, lemma_share: float, index: int,
                names: tuple[str, ...] = ALL_ROLE_FEATURES) -> dict[str, float]:
    """The role features ``names`` of one sentence by name (``lemma_share``: the share of the question's content
    lemmas it holds, as ``qa.rank_features`` computes it; ``index``: its place in its article); only those asked
    for are computed."""
    verbs = question_verbs(qf.text) | ({qf.event} if qf.event else frozenset())
    subjects = _subjects(qf) if "subject_named" in names else []
    compute = {
        "reason_given": lambda: qf.answer_type is AnswerType.REASON and f.reason is not None,
        "event_predicate": lambda: any(v in verbs for v, _ in f.doers),
        "subject_named": lambda: any(who and any(mentions(who, s) for s in subjects) for _, who in f.doers),
        "new_doer": lambda: _new_doer(qf, f, verbs),
        "new_entities": lambda: math.log1p(new_entity_count(qf, f)),
        "restates": lambda: _restates(qf, f, lemma_share),
        "headline": lambda: is_headline(f.text, index),
    }
    return {name: float(compute[name]()) for name in names}


def role_row(qf: QuestionFrame, f: EvidenceFrame, lemma_share: float, index: int) -> tuple[float, ...]:
    """The ``ROLE_FEATURES`` values of one sentence, in that order."""
    values = role_values(qf, f, lemma_share, index, ROLE_FEATURES)
    return tuple(values[name] for name in ROLE_FEATURES)


__all__ = ["ALL_ROLE_FEATURES", "ROLE_FEATURES", "is_headline", "new_entity_count", "question_verbs", "role_row",
           "role_values"]
