"""Build frames from spaCy parses: ``question_frame(text)``, ``evidence_frame(doc)``, and a
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
from functools import lru_cache
from typing import TYPE_CHECKING

from qa import lexicon as L
from qa.frames import AnswerType, Entity, EvidenceFrame, FigureFrame, FigureKind, QuestionFrame, Span
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


def _entity(ent: "SpacySpan", offset: int = 0) -> Entity:
    return Entity(ent.text, ent.start_char - offset, ent.end_char - offset, ent.label_,
                  ENTITY_KIND.get(ent.label_, AnswerType.ENTITY), _governor(ent.root))


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
        subj = [c for c in verb.children if c.dep_ == "nsubj"]
        if not subj:
            continue
        s = subj[0]
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


# --- question -----------------------------------------------------------------------------------

def _type_of_noun(lemma: str) -> AnswerType | None:
    for words, kind in ((L.PERSON_NOUNS, AnswerType.PERSON), (L.ORG_NOUNS, AnswerType.ORG),
                        (L.PLACE_NOUNS, AnswerType.PLACE), (L.DATE_NOUNS, AnswerType.DATE),
                        (L.COUNT_NOUNS, AnswerType.COUNT)):
        if lemma in words:
            return kind
    return None


def _wh(doc: "Doc") -> "Token | None":
    for tok in doc:
        if tok.tag_ in _WH_TAGS or tok.lower_ in ("how", "which", "what", "who", "whom", "whose", "when",
                                                   "where", "why"):
            return tok
    return None


def _type_noun(wh: "Token") -> "Token | None":
    """'agency' in "which agency said ...", 'population' in "what is the population of ..."."""
    if wh.dep_ == "det" and wh.head.pos_ in ("NOUN", "PROPN"):
        return wh.head
    nxt = wh.doc[wh.i + 1] if wh.i + 1 < len(wh.doc) else None
    if nxt is not None and nxt.pos_ in ("NOUN", "PROPN") and wh.lower_ in ("what", "which"):
        return nxt
    if wh.lower_ in ("what", "which") and wh.head.lemma_ == "be":
        for child in wh.head.children:
            if child.dep_ in ("nsubj", "attr") and child is not wh and child.pos_ in ("NOUN", "PROPN"):
                # "which of the parties": the noun after "of"
                return child
    rest = [t for t in wh.doc[wh.i + 1: wh.i + 4] if t.pos_ != "DET"]
    if wh.lower_ in ("what", "which") and len(rest) >= 2 and rest[0].lemma_ == "be" and rest[1].pos_ == "NOUN":
        return rest[1]  # "what is the range of ..." when the parser hangs "range" elsewhere
    if wh.lower_ in ("which", "what"):
        for child in wh.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                objs = [c for c in child.children if c.dep_ == "pobj"]
                if objs:
                    return objs[0]
    return None


def _count_noun(doc: "Doc", wh: "Token | None") -> "Token | None":
    if wh is not None and wh.lower_ == "how":
        many = wh.doc[wh.i + 1] if wh.i + 1 < len(doc) else None
        if many is not None and many.lower_ in ("many", "much"):
            if many.head.pos_ in ("NOUN", "PROPN") and many.head is not many:
                return many.head
            nxt = [t for t in doc[many.i + 1: many.i + 6] if t.pos_ in ("NOUN",)]
            return nxt[0] if nxt else None
    for tok in doc:
        if tok.lemma_.lower() in L.COUNT_NOUNS:
            noun = tok
            for _ in range(3):  # "the estimate of the number of soldiers" -> soldiers
                objs = [c for child in noun.children if child.dep_ == "prep" and child.lower_ == "of"
                        for c in child.children if c.dep_ == "pobj"]
                if not objs:
                    break
                noun = objs[0]
                if noun.lemma_.lower() not in L.COUNT_NOUNS:
                    return noun
    return None


def _answer_type(doc: "Doc") -> tuple[AnswerType, "Token | None", bool]:
    """(answer type, the type noun or counted noun, wants a list)."""
    wh = _wh(doc)
    first = next((t for t in doc if not t.is_punct), None)
    if first is not None and first.lemma_.lower() in L.LIST_VERBS and (wh is None or wh.i > first.i + 1):
        obj = next((c for c in first.children if c.dep_ in ("dobj", "attr", "npadvmod")), None)
        obj = obj or next((t for t in doc[first.i + 1:] if t.pos_ in ("NOUN", "PROPN")), None)
        kind = _type_of_noun(obj.lemma_.lower()) if obj is not None else None
        return kind or AnswerType.LIST, obj, True
    if wh is None:
        return AnswerType.OTHER, None, False
    w = wh.lower_
    counted = _count_noun(doc, wh)
    if w == "how":
        nxt = doc[wh.i + 1].lower_ if wh.i + 1 < len(doc) else ""
        if nxt == "many":
            return AnswerType.COUNT, counted, False
        if nxt in L.QUANTITY_ADVERBS:
            return AnswerType.QUANTITY, counted, False
        return AnswerType.MANNER, None, False
    if counted is not None:
        return AnswerType.COUNT, counted, False
    if w in ("who", "whom"):
        return AnswerType.PERSON, None, False
    if w == "whose":
        return AnswerType.PERSON, None, False
    if w == "when":
        return AnswerType.DATE, None, False
    if w == "where":
        return AnswerType.PLACE, None, False
    if w == "why":
        return AnswerType.REASON, None, False
    noun = _type_noun(wh)
    if noun is None:
        return AnswerType.OTHER, None, False
    plural = noun.tag_ in ("NNS", "NNPS")
    if noun.lemma_.lower() in L.MEASURE_NOUNS:
        return AnswerType.QUANTITY, noun, False  # "what calibre", "what is the range of"
    kind = _type_of_noun(noun.lemma_.lower())
    if kind is AnswerType.COUNT:  # "what casualty figures": counts of what the modifier names, if any
        mods = [c for c in noun.lefts if c.dep_ in ("compound", "amod") and c.pos_ == "NOUN"]
        return AnswerType.COUNT, (mods[0] if mods else None), False
    if kind is None:
        return (AnswerType.LIST if plural else AnswerType.ENTITY), noun, plural
    return kind, noun, plural


def _name_in(span: "SpacySpan") -> str:
    """The name inside a source phrase: "Zelenskyy" in "Zelenskyy's speech to parliament"."""
    names = [e for e in span.doc.ents if e.start >= span.start and e.end <= span.end
             and e.label_ in ("PERSON", "ORG")]
    return names[0].text if names else span.text


def _source(doc: "Doc") -> str | None:
    for tok in doc:
        if tok.lower_ == "according":
            for to in tok.children:
                objs = [c for c in to.children if c.dep_ == "pobj"]
                if objs:
                    return _name_in(doc[objs[0].left_edge.i: objs[0].i + 1])
    for tok in doc:  # "the Joint Chiefs of Staff's count of ..." / "Washington's estimate"
        if tok.lemma_.lower() in L.COUNT_NOUNS:
            owner = [c for c in tok.children if c.dep_ == "poss" and c.pos_ in ("PROPN", "NOUN")]
            if owner:  # the owner is the name itself (entities may stop short: "Joint Chiefs" of Staff)
                return " ".join(t.text for t in owner[0].subtree if t.dep_ != "case")
    for verb in doc:
        if verb.lemma_.lower() in L.REPORTING_VERBS:
            for s in verb.children:
                if s.dep_ == "nsubj" and s.tag_ not in _WH_TAGS and s.pos_ in ("PROPN", "NOUN") \
                        and not any(t.tag_ in _WH_TAGS for t in s.subtree):
                    return _phrase(s).text
    return None


def _asks_source(doc: "Doc") -> bool:
    """The wh-word (or its noun) is the subject of a reporting verb: "Who warned ...", "Which agency said ..."."""
    for tok in doc:
        if tok.dep_ == "nsubj" and tok.head.lemma_.lower() in L.REPORTING_VERBS \
                and any(t.tag_ in _WH_TAGS for t in tok.subtree):
            return True
    return False


def _place_object(tok: "Token") -> bool:
    """``tok`` (or the noun it names: "the Bryansk region") is the object of "in / at / to ..."."""
    if tok.dep_ in ("compound", "amod", "poss") and tok.head.pos_ in ("NOUN", "PROPN"):
        tok = tok.head
    return tok.dep_ == "pobj" and tok.head.lower_ in L.PLACE_PREPOSITIONS and tok.head.head.lower_ != "according"


_LIGHT_VERBS = frozenset("be have do get make say tell happen accord".split())


def _event(doc: "Doc") -> str | None:
    """The question's main content verb: "desert" in "how many soldiers are believed to have deserted"."""
    verbs = [t for t in doc if t.pos_ == "VERB" and t.lemma_.lower() not in _LIGHT_VERBS
             and t.lemma_.lower() not in L.REPORTING_VERBS and t.lemma_.lower() not in L.LIST_VERBS]
    if not verbs:
        return None
    verbs.sort(key=lambda t: -len(list(t.ancestors)))  # the most embedded: "believed to have deserted"
    return verbs[0].lemma_.lower()


@lru_cache(maxsize=2048)
def question_doc(text: str) -> "Doc":
    """The question's parse, once per text (the frame and ``qa.timeline.time_focus`` share it)."""
    return pipeline()(text)


@lru_cache(maxsize=2048)
def question_frame(text: str) -> QuestionFrame:
    """Parse a question once (cached) and read its frame."""
    doc = question_doc(text)
    kind, noun, plural = _answer_type(doc)
    counted = counted_text = group = unit = None
    type_word = None
    if kind is AnswerType.QUANTITY:
        adverb = next((t.lower_ for t in doc if t.lower_ in L.MEASURE_ADVERBS and t.i and doc[t.i - 1].lower_ == "how"),
                      None)
        unit = adverb
    if kind in (AnswerType.COUNT, AnswerType.QUANTITY) and noun is not None:
        if noun.lemma_.lower() in L.MEASURE_NOUNS:
            unit = noun.lemma_.lower()
        elif _is_measure(noun.lemma_):
            unit = noun.lemma_.lower()
        elif unit is None:
            counted, counted_text = noun.lemma_.lower(), noun.lower_
        for child in noun.lefts:
            g = _ent_of(child)
            if g is not None and g.label_ in ("NORP", "GPE", "ORG"):
                group = g.text
                break
    elif noun is not None:
        type_word = noun.lemma_.lower()
    ents = tuple(_entity(e) for e in doc.ents if e.label_ in NAME_LABELS or e.label_ in ("DATE", "TIME"))
    places = tuple(e.text for e in doc.ents if e.label_ in NAME_LABELS - {"PERSON", "NORP"}
                   and _place_object(e.root) and e.text != group)
    times = tuple(e.text for e in doc.ents if e.label_ in ("DATE", "TIME"))
    skip = L.QUESTION_FILLER | ({type_word} if type_word else set())
    lemmas = frozenset(t.lemma_.lower() for t in doc if t.is_alpha and not t.is_stop
                       and t.lemma_.lower() not in skip and t.lower_ not in skip)
    return QuestionFrame(text=text, answer_type=kind, type_word=type_word, wants_list=plural, counted=counted, counted_text=counted_text,
                         unit=unit, group=group, entities=ents, source=_source(doc), places=places,
                         times=times, lemmas=lemmas, asks_source=_asks_source(doc),
                         event=_event(doc))


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
