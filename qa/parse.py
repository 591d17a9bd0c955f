"""Build frames from spaCy parses: ``evidence_frame(doc)`` (``question_frame(text)`` is in
``qa.question_frames``, re-exported here), and a
``FrameCache`` that parses each stored sentence once (``nlp.pipe`` in batches, LRU by sentence id).

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
from qa.frames import AnswerType, Entity, EvidenceFrame, FigureFrame, FigureKind, Span
from qa.nlp import pipeline
from qa.numbers import find_quantities

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
NAME_LABELS = frozenset("PERSON ORG GPE LOC FAC NORP EVENT PRODUCT WORK_OF_ART LAW LANGUAGE".split())
_WH_TAGS = frozenset({"WDT", "WP", "WP$", "WRB"})


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


def _ent_of(tok: "Token") -> "SpacySpan | None":
    if not tok.ent_type_:
        return None
    for ent in tok.doc.ents:
        if ent.start <= tok.i < ent.end:
            return ent
    return None


def _phrase(tok: "Token") -> "SpacySpan":
    """The name or noun phrase headed by ``tok``: its entity, else its compact left subtree."""
    ent = _ent_of(tok)
    if ent is not None and ent.label_ in NAME_LABELS:
        return ent
    left = [t for t in tok.lefts if t.dep_ in ("compound", "amod", "poss", "nmod", "det", "case")]
    start = min([t.left_edge.i for t in left] + [tok.i])
    while start < tok.i and tok.doc[start].dep_ == "det":
        start += 1
    return tok.doc[start: tok.i + 1]


# --- evidence -----------------------------------------------------------------------------------

def _speaker(doc: "Doc") -> tuple["SpacySpan | None", bool]:
    """The source of the sentence's statement: "according to X", else the subject of a reporting
    verb (the one nearest the root). Returns (span, is_pronoun)."""
    for tok in doc:
        if tok.lower_ == "according":
            for to in tok.children:
                if to.lower_ == "to":
                    objs = [c for c in to.children if c.dep_ == "pobj"]
                    if objs:
                        return _phrase(objs[0]), False
    verbs = [t for t in doc if t.lemma_.lower() in L.REPORTING_VERBS and t.pos_ in ("VERB", "AUX")]
    verbs.sort(key=lambda t: (len(list(t.ancestors)), t.i))
    for verb in verbs:
        subj = sorted((c for c in verb.children if c.dep_ == "nsubj"), key=lambda c: abs(c.i - verb.i))
        if not subj:
            continue
        s = subj[0]  # the nearest: '"..., the Kim family, which ...," Zelenskyy stated' (two subjects parsed)
        if s.tag_ in _WH_TAGS:
            if verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN"):
                return _phrase(verb.head), False  # "the agency, which reported ..."
            before = [e for e in doc.ents if e.end <= s.i and e.label_ in ("ORG", "PERSON", "GPE", "NORP")]
            if before and s.i - before[-1].end <= 3:  # "... Chiefs of Staff (JCS), which said" misparsed
                return before[-1], False
            continue
        if s.pos_ == "PRON":
            if s.lower_ in L.CONTINUATION_PRONOUNS:
                return doc[s.i: s.i + 1], True
            continue
        return _phrase(s), False
    return None, False


def _counted(num: "Token") -> "Token | None":
    """The noun a number counts: "11,000 North Korean troops" -> troops; "40 million euros" -> euros."""
    tok = num
    for _ in range(4):
        if tok.dep_ in ("nummod", "quantmod", "compound", "amod") and tok.head is not tok:
            tok = tok.head
            if tok.pos_ in ("NOUN", "PROPN") and not tok.like_num:
                return tok
        else:
            break
    # "of the 3,000 workers" / "3,000 of them": a number standing as the noun itself
    if num.dep_ in ("pobj", "dobj", "nsubj", "attr", "appos"):
        for child in num.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                objs = [c for c in child.children if c.dep_ == "pobj"]
                if objs and objs[0].pos_ == "NOUN":
                    return objs[0]
    return None


def _is_measure(word: str) -> bool:
    w = word.lower()
    return w in L.MEASURE_UNITS


def _glued_unit(text: str) -> str | None:
    """ "170mm" -> "mm"; None when the token is a plain number."""
    t = text.lower().rstrip(".")
    for suffix in sorted(L.GLUED_UNIT_SUFFIXES, key=len, reverse=True):
        if t.endswith(suffix) and t[: -len(suffix)].replace(",", "").replace(".", "").isdigit():
            return suffix
    return None


def _groups_of_plurals(doc: "Doc") -> set[str]:
    """Named groups on plural nouns in the sentence: {"North Korean"} in "the North Korean troops
    will use Russian equipment" (singular "equipment" does not count)."""
    out = set()
    for tok in doc:
        if tok.tag_ == "NNS":
            for child in tok.lefts:
                g = _ent_of(child)
                if g is not None and g.label_ == "NORP":
                    out.add(g.text)
    return out


def _figures(doc: "Doc", offset: int = 0) -> tuple[FigureFrame, ...]:
    from qa.figures import hedge_kind  # the hedge grammar (general English) lives with the figures

    text = doc.text
    out = []
    for q in find_quantities(text):
        span = doc.char_span(q.start, q.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        nums = [t for t in span if t.like_num or any(ch.isdigit() for ch in t.text)]
        num = nums[-1] if nums else span[-1]
        noun = _counted(num)
        unit = None
        glued = _glued_unit(num.text) or (q.unit if q.unit and _is_measure(q.unit) else None)
        nxt = doc[num.i + 1] if num.i + 1 < len(doc) else None
        ent = _ent_of(num)
        if glued:
            unit = glued
        elif nxt is not None and _is_measure(nxt.text) and nxt.i < len(doc):
            unit = nxt.lower_
        elif noun is not None and _is_measure(noun.lemma_):
            unit = noun.lemma_.lower()
        elif ent is not None and ent.label_ in ("MONEY", "PERCENT", "QUANTITY"):
            unit = ent.label_.lower()
        elif text[:q.start].rstrip()[-1:] in ("$", "€", "£") or q.text[:1] in ("$", "€", "£"):
            unit = "money"
        kind_s, hedge = hedge_kind(text, q)
        kind = FigureKind.MEASUREMENT if unit else FigureKind(kind_s)
        counted = noun.lemma_.lower() if noun is not None and unit is None else None
        group = None
        if noun is not None:
            for child in noun.lefts:
                g = _ent_of(child)
                if g is not None and g.label_ in ("NORP", "GPE", "ORG"):
                    group = g.text
                    break
            if group is None and unit is None:  # "the N troops ... 2,600 soldiers": the one group named
                groups = _groups_of_plurals(doc)
                group = groups.pop() if len(groups) == 1 else None
        out.append(FigureFrame(q.text, q.start - offset, q.end - offset, q.low, q.high, kind, hedge,
                               counted, unit, group, q.approx, q.bound))
    return tuple(out)


def _continues(doc: "Doc") -> bool:
    for tok in doc:
        if tok.is_punct or tok.is_quote:
            continue
        return tok.lower_ in L.CONTINUATION_PRONOUNS and tok.dep_ in ("nsubj", "nsubjpass")
    return False


def evidence_frame(doc: "Doc", sentence_id: str = "") -> EvidenceFrame:
    """The frame of one parsed sentence (offsets inside ``doc.text``)."""
    speaker, pronoun = _speaker(doc)
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
        instruction=found.code.value if found else None,
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
        nlp = pipeline()
        docs = nlp.pipe([text for _, text in items], batch_size=self.batch_size)
        return {sid: evidence_frame(doc, sid) for (sid, _), doc in zip(items, docs)}


# The question side lives in qa.question_frames; re-exported here (one import for frames of both kinds).
from qa.question_frames import asking_part, question_doc, question_frame  # noqa: E402,F401
