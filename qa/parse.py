"""Build frames from spaCy parses: ``evidence_frame(doc)`` (``question_frame(text)`` is in
``qa.question_frames``, re-exported here), and a
``FrameCache`` that frames each stored sentence once (LRU by sentence id), from the parse the span rules
read too (``qa.nlp.parsed_many``: ``nlp.pipe`` in batches, one Doc cache by text for the whole answer path).

Entities, noun chunks, lemmas and the subject of a reporting verb come from the parse; numbers and
their ranges/bounds come from ``qa.numbers`` (one number grammar for the whole project), and each
figure is then placed in the parse: its counted noun, its unit, the named group on that noun.
"""
from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from qa import lexicon as L
from qa.attribution import NAME_LABELS, reporting_subjects, speaker_of
from qa.attribution import entity_of as _ent_of  # noqa: F401  (used by qa.question_frames)
from qa.attribution import phrase as _phrase  # noqa: F401  (used by qa.question_frames)
from qa.clauses import reason_clause, verb_doers
from qa.figures import place_figures
from qa.frames import AnswerType, Entity, EvidenceFrame, FigureFrame, FigureKind, Span
from qa.nlp import parsed_many

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

log = logging.getLogger(__name__)

ENTITY_KIND = {
    "PERSON": AnswerType.PERSON, "ORG": AnswerType.ORG, "GPE": AnswerType.PLACE, "LOC": AnswerType.PLACE,
    "FAC": AnswerType.PLACE, "DATE": AnswerType.DATE, "TIME": AnswerType.DATE, "CARDINAL": AnswerType.COUNT,
    "QUANTITY": AnswerType.QUANTITY, "MONEY": AnswerType.QUANTITY, "PERCENT": AnswerType.QUANTITY,
    "ORDINAL": AnswerType.OTHER,
}


def _governor(tok: "Token") -> str | None:
    """Lemma of the nearest verb above ``tok`` (at most 4 steps up the parse)."""
    for _ in range(4):
        if tok.head is tok:
            return None
        tok = tok.head
        if tok.pos_ == "VERB":
            return tok.lemma_.lower()
    return None


_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "poss"})


def _entity(ent: "SpacySpan", offset: int = 0) -> Entity:
    root = ent.root
    modifier = root.dep_ in _MODIFIER_DEPS and root.head is not root and root.head.pos_ in ("NOUN", "PROPN") \
        and root.head.i >= ent.end  # "a US subsidiary", "Smith's film"; not "Paris, France"
    return Entity(ent.text, ent.start_char - offset, ent.end_char - offset, ent.label_,
                  ENTITY_KIND.get(ent.label_, AnswerType.ENTITY), _governor(root), modifier)


def _span(span: "SpacySpan", offset: int = 0, label: str = "") -> Span:
    return Span(span.text, span.start_char - offset, span.end_char - offset, label)


# --- evidence -----------------------------------------------------------------------------------

def _is_measure(word: str) -> bool:
    w = word.lower()
    return w in L.MEASURE_UNITS


def _groups_of_plurals(doc: "Doc") -> set[str]:
    """Named groups on plural nouns in the sentence: {"Dutch"} in "the Dutch dockers
    will use German cranes" (a singular noun does not count)."""
    out = set()
    for tok in doc:
        if tok.tag_ == "NNS":
            for child in tok.lefts:
                g = _ent_of(child)
                if g is not None and g.label_ == "NORP":
                    out.add(g.text)
    return out


def _figures(doc: "Doc", offset: int = 0) -> tuple[FigureFrame, ...]:
    out = []
    for p in place_figures(doc):
        q, noun = p.quantity, p.noun
        counted = noun.lemma_.lower() if noun is not None and p.unit is None else None
        group = None
        if noun is not None:
            for child in noun.lefts:
                g = _ent_of(child)
                if g is not None and g.label_ in ("NORP", "GPE", "ORG"):
                    group = g.text
                    break
            if group is None and p.unit is None:  # "the Dutch workers ... 3,000 dockers": the one group named
                groups = _groups_of_plurals(doc)
                group = groups.pop() if len(groups) == 1 else None
        out.append(FigureFrame(q.text, q.start - offset, q.end - offset, q.low, q.high, p.kind, p.hedge,
                               counted, p.unit, group, q.approx, q.bound))
    return tuple(out)


def _continues(doc: "Doc") -> bool:
    for tok in doc:
        if tok.is_punct or tok.is_quote:
            continue
        return tok.lower_ in L.CONTINUATION_PRONOUNS and tok.dep_ in ("nsubj", "nsubjpass")
    return False


def evidence_frame(doc: "Doc", sentence_id: str = "") -> EvidenceFrame:
    """The frame of one parsed sentence (offsets inside ``doc.text``)."""
    speaker, pronoun = speaker_of(doc)
    lemmas = frozenset(t.lemma_.lower() for t in doc if t.is_alpha and not t.is_stop)
    nouns: tuple[Span, ...] = ()
    try:
        nouns = tuple(_span(nc) for nc in doc.noun_chunks)
    except ValueError:  # no parser in this pipeline
        pass
    from qa.guard import inspect

    found = inspect(doc[:])
    return EvidenceFrame(
        sentence_id=sentence_id, text=doc.text, entities=tuple(_entity(e) for e in doc.ents),
        figures=_figures(doc), speaker=_span(speaker) if speaker is not None else None,
        speaker_is_pronoun=pronoun, continues=_continues(doc), lemmas=lemmas, nouns=nouns,
        instruction=found.code.value if found else None, reporters=reporting_subjects(doc),
        doers=verb_doers(doc), reason=reason_clause(doc),
    )


# --- the per-store cache --------------------------------------------------------------------------

class FrameCache:
    """Evidence frames by sentence id, parsed on first use in batches; least recently used dropped
    past ``max_items``. Thread-safe; parsing happens outside the lock."""

    def __init__(self, max_items: int = 200_000, batch_size: int = 64) -> None:
        if max_items <= 0:
            raise ValueError(f"max_items must be greater than 0. Currently, max_items is {max_items}")
        self.max_items = max_items
        self.batch_size = batch_size
        self._frames: OrderedDict[str, EvidenceFrame] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._frames)

    def get(self, items: Sequence[tuple[str, str]]) -> list[EvidenceFrame]:
        """Frames for (sentence id, text) pairs, in order."""
        with self._lock:
            have = {sid: self._frames[sid] for sid, _ in items if sid in self._frames}
            for sid in have:
                self._frames.move_to_end(sid)
        todo = list(dict.fromkeys((sid, text) for sid, text in items if sid not in have))
        if todo:
            parsed = self._parse(todo)
            have.update(parsed)
            with self._lock:
                self._frames.update(parsed)
                while len(self._frames) > self.max_items:
                    self._frames.popitem(last=False)
        return [have[sid] for sid, _ in items]

    def peek(self, sentence_id: str) -> EvidenceFrame | None:
        """The frame if it is parsed already (no parsing, no LRU update)."""
        return self._frames.get(sentence_id)

    def preload(self, items: Iterable[tuple[str, str]]) -> int:
        todo = [(sid, text) for sid, text in items if sid not in self._frames][: self.max_items]
        if todo:
            parsed = self._parse(todo)
            with self._lock:
                self._frames.update(parsed)
        return len(todo)

    def _parse(self, items: list[tuple[str, str]]) -> dict[str, EvidenceFrame]:
        docs = parsed_many([text for _, text in items], self.batch_size)  # the Docs the span rules read too
        return {sid: evidence_frame(doc, sid) for (sid, _), doc in zip(items, docs)}


# The question side lives in qa.question_frames, which imports this module; re-exported here on first use
# (one import for frames of both kinds) so that either module can be imported first.
_QUESTION_SIDE = ("asking_part", "question_doc", "question_frame")


def __getattr__(name: str):
    if name in _QUESTION_SIDE:
        from qa import question_frames

        return getattr(question_frames, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
