"""Resolve a follow-up question against the conversation before retrieving.

A follow-up leans on the conversation when it points back with a third-person or demonstrative
pronoun ("And who said *that*?", "What did *they* say about *it*?"), opens with a conjunction and
has no topic of its own ("and how many were killed?"), or has no content words at all ("Why?").
Which words are pronouns, nouns or wh-words comes from spaCy's tags and morphology, not from word
lists. The outcome is typed (:class:`FollowUpKind`):

- ``STANDALONE``: the question is searched as asked;
- ``REWRITTEN``: the pronoun is replaced by the previous answer's headline figure and topic, and
  the figure's source (its speaker) is carried along, so "who said that?" searches for the
  sentence the figure came from;
- ``NEEDS_REFERENT``: it leans on a conversation that is not there; the caller asks back what
  "that" refers to instead of answering with unrelated quotes.
"""
from __future__ import annotations

import enum
from dataclasses import dataclass

from qa.attribution import WH_TAGS
from qa.types import Answer

_CONTENT_POS = {"NOUN", "PROPN", "NUM"}


class FollowUpKind(enum.Enum):
    STANDALONE = "standalone"
    REWRITTEN = "rewritten"
    NEEDS_REFERENT = "needs_referent"


@dataclass(frozen=True)
class Turn:
    """What a follow-up can refer to: a previous question and the headline of its answer."""
    question: str
    figure: str | None = None  # the headline figure as shown ("≈11,000")
    speaker: str | None = None  # who gave it
    doc_id: str | None = None  # the article it came from
    title: str | None = None
    outlet: str | None = None
    date: str | None = None

    @classmethod
    def from_answer(cls, answer: Answer) -> "Turn":
        """The turn of an ``ask`` answer: its first figure (the headline) and that figure's citation;
        with no figure, the first citation (the answer's lead sentence)."""
        if not answer.answerable:
            return cls(question=answer.question)
        fig = answer.figures[0] if answer.figures else None
        n = fig.citation if fig is not None else 1
        cite = next((c for c in answer.citations if c.n == n), None)
        return cls(question=answer.question, figure=fig.value if fig else None, speaker=fig.speaker if fig else None,
                    doc_id=cite.doc_id if cite else None, title=cite.title if cite else None,
                    outlet=cite.outlet if cite else None, date=cite.date if cite else None)

    def to_dict(self) -> dict:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}

    @classmethod
    def from_dict(cls, d: dict) -> "Turn":
        return cls(**{k: d.get(k) for k in cls.__dataclass_fields__ if k in d})


@dataclass(frozen=True)
class FollowUp:
    kind: FollowUpKind
    question: str
    query: str  # what to search for (the question itself unless REWRITTEN)
    pronoun: str | None = None  # the word that points back ("that"), if any
    turn: Turn | None = None  # the turn it was resolved against

    @property
    def ask_back(self) -> str:
        """The question put back to the user when ``kind`` is NEEDS_REFERENT."""
        if self.pronoun:
            return (f"What does “{self.pronoun}” refer to? There is no earlier answer in this conversation; "
                    "please ask the whole question, e.g. name the figure or the event.")
        return ("That question leans on an earlier answer, and there is none in this conversation; "
                "please ask the whole question.")


def _doc(text: str):
    from qa.nlp import pipeline

    return pipeline()(text)


def _points_back(tok) -> bool:
    """A third-person or demonstrative pronoun ("that", "it", "they"), not "I"/"you"/"we"."""
    if tok.pos_ != "PRON" or tok.tag_ in WH_TAGS:
        return False
    kinds = tok.morph.get("PronType")
    person = tok.morph.get("Person")
    return ("Dem" in kinds or "Prs" in kinds) and (not person or person == ["3"])


def topics(question: str) -> list[str]:
    """The noun phrases of ``question`` without wh-words, determiners or pronouns:
    "How many Dutch nurses work in Lyon?" -> ["Dutch nurses", "Lyon"]."""
    out = []
    for chunk in _doc(question).noun_chunks:
        toks = list(chunk)
        while toks and (toks[0].tag_ in WH_TAGS or toks[0].pos_ in {"DET", "PRON"}
                        or (toks[0].pos_ in {"ADJ", "ADV"} and toks[0].i > 0 and toks[0].nbor(-1).tag_ == "WRB")):
            toks = toks[1:]
        if toks and any(t.pos_ in _CONTENT_POS for t in toks):
            out.append(question[toks[0].idx:toks[-1].idx + len(toks[-1].text)])
    return out


def resolve(question: str, turns: list[Turn]) -> FollowUp:
    """Decide whether ``question`` leans on ``turns`` (oldest first) and make it self-contained."""
    doc = _doc(question)
    words = [t for t in doc if not t.is_punct and not t.is_space]
    pronoun = next((t for t in words if _points_back(t)), None)
    own_topic = any(t.pos_ in _CONTENT_POS for t in words)
    content = [t for t in words if t.pos_ in {"VERB", "NOUN", "PROPN", "NUM", "ADJ"}
               and not (t.pos_ == "ADJ" and t.i > 0 and t.nbor(-1).tag_ == "WRB")]
    opens = bool(words) and (words[0].pos_ == "CCONJ" or (len(words) > 1 and words[0].tag_ in WH_TAGS
                                                        and words[1].lower_ == "about" and words[1].pos_ == "ADP"))
    bare = not content  # "Why?", "When?", "And then?"
    if pronoun is None and own_topic and not opens:
        return FollowUp(FollowUpKind.STANDALONE, question, question)
    if not turns:
        if pronoun is not None or bare or (opens and not own_topic):
            return FollowUp(FollowUpKind.NEEDS_REFERENT, question, question,
                            pronoun=pronoun.text if pronoun is not None else None)
        return FollowUp(FollowUpKind.STANDALONE, question, question)
    turn = turns[-1]
    carried = _carried(question, turn)
    if pronoun is not None or bare:  # the pronoun stands for the headline figure of the last answer
        referent = " ".join(x for x in (turn.figure, " ".join(carried)) if x) or turn.question.rstrip("?")
        if pronoun is not None:
            body = question[:pronoun.idx] + referent + question[pronoun.idx + len(pronoun.text):]
        else:
            body = f"{question.rstrip('?').strip()} {referent}"
        body = _drop_opening_conjunction(body).rstrip("?").strip()
        source = f" ({turn.speaker})" if turn.speaker and turn.speaker.lower() not in body.lower() else ""
        query = f"{body}{source}?"
        return FollowUp(FollowUpKind.REWRITTEN, question, query, pronoun=pronoun.text if pronoun else None, turn=turn)
    if not carried:
        return FollowUp(FollowUpKind.STANDALONE, question, question)
    q = _drop_opening_conjunction(question).rstrip("?").strip()
    qdoc = _doc(q)
    # "how many were hired" -> "how many Dutch nurses were hired ... Lyon"
    if len(qdoc) > 2 and qdoc[0].tag_ == "WRB" and qdoc[1].pos_ == "ADJ" and qdoc[2].pos_ == "AUX":
        cut = qdoc[2].idx
        tail = " ".join(carried[1:])
        return FollowUp(FollowUpKind.REWRITTEN, question,
                        f"{q[:cut]}{carried[0]} {q[cut:]}{(' in ' + tail) if tail else ''}?", turn=turn)
    return FollowUp(FollowUpKind.REWRITTEN, question, f"{q} ({'; '.join(carried)})?", turn=turn)


def _carried(question: str, turn: Turn) -> list[str]:
    low = question.lower()
    return [t for t in topics(turn.question) if t.lower() not in low]


def _drop_opening_conjunction(text: str) -> str:
    """"and what about Spain" -> "Spain"; "and how many were hired" -> "how many were hired"."""
    doc = _doc(text)
    if len(doc) > 1 and doc[0].pos_ == "CCONJ":
        doc = doc[1:]
    if len(doc) > 2 and doc[0].tag_ in WH_TAGS and doc[1].lower_ == "about" and doc[1].pos_ == "ADP":
        doc = doc[2:]
    return text[doc[0].idx:] if len(doc) else text


def rewrite_followup(question: str, history: list[str]) -> str:
    """``question`` made self-contained using the previous user questions (most recent last).
    Without history the question is searched as asked (no parse: the engine's hot path)."""
    if not history:
        return question
    return resolve(question, [Turn(question=q) for q in history]).query
