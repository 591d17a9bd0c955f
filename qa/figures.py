"""A figure in its sentence: what it counts, its unit, how firmly it is stated. One place for both paths.

``place_figures(doc)`` finds the numbers of a parsed sentence (``qa.numbers`` grammar) and places
each in the parse: the noun it counts (the head it modifies by ``nummod``/``quantmod``, through
compounds, or "3,000 of the workers"), its unit of measure ("170mm", "40 km", money, percent),
the word standing for a noun ("100 dead", "1,000 wounded"), and how firmly it is stated
(``hedge_kind``). Numbers that are labels, not amounts ("Flight 370", "Task Force 51": after a
capitalised head noun, or inside a name entity) are skipped. The answer frames (``qa.parse``) and
the claim slots (``qa.slots``) both read figures from here.

``counts_same`` / ``counted_family``: whether two counted nouns count the same thing (same word,
a compound of it, a class of ``qa.lexicon.COUNT_GROUPS``, or close word vectors), for both paths.
Number parsing lives in ``qa.numbers``; who made a statement is ``qa.attribution``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from qa import lexicon as L
from qa.frames import FigureKind
from qa.numbers import Quantity, find_quantities, format_value, modifier_of, numbers_match, parse_number

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["PlacedFigure", "Quantity", "counted_family", "counts_same", "find_quantities", "format_value",
           "hedge_kind", "numbers_match", "parse_number", "place_figures"]


# --- clauses and hedges -------------------------------------------------------------------------
_CLAUSE_BREAK = re.compile(
    r"[;:—“”\"]|,\s+(?=(?:and|but|or|while|whereas|although|though|which|who|whom|where|when|with|as|after|"
    r"before|because|since|amid|that|so|yet|if|unless|however)\b)|(?<=[.!?])\s+(?=[A-Z“\"])")
_PLAN = re.compile(r"\b(plan(?:s|ned|ning)?\s+to|prepar(?:e|es|ed|ing)\s+to|intend(?:s|ed|ing)?\s+to|"
                   r"aim(?:s|ed|ing)?\s+to|will\s+(?:send|deploy|dispatch|transfer|supply|provide)|"
                   r"to\s+(?:send|deploy|dispatch))\b", re.IGNORECASE)
_PROJECTION = re.compile(r"\b(may|might|could|would|will|shall|expect(?:s|ed|ing)?|forecasts?|predict(?:s|ed)?|"
                         r"project(?:s|ed)|risks?|possibl[ey]|likely|potential(?:ly)?|set\s+to|poised\s+to|"
                         r"on\s+track\s+to|threaten(?:s|ed)?\s+to)\b", re.IGNORECASE)
_ESTIMATE = re.compile(r"\b(estimat(?:e|es|ed|ing)|assess(?:es|ed|ment)?|believ(?:e|es|ed)|reportedly|suspected|"
                       r"thought\s+to|said\s+to|preliminary|suggest(?:s|ed)?|claim(?:s|ed)?|unconfirmed|"
                       r"unverified)\b", re.IGNORECASE)
_NEGATION = re.compile(r"\b(not|never|no|denied|denies|deny|dismissed|false|fake)\b", re.IGNORECASE)
_ACCORDING_ESTIMATES = re.compile(r"\baccording\s+to\s+[^,;.]*\b(estimates?)\b", re.IGNORECASE)


def _clause(sentence: str, pos: int) -> tuple[int, int]:
    """Span of the clause around ``pos``: cut at ; : quotes, ", and/which/that/with ...", inner full stops."""
    start, end = 0, len(sentence)
    for m in _CLAUSE_BREAK.finditer(sentence):
        if m.end() <= pos:
            start = m.end()
        elif m.start() >= pos:
            end = m.start()
            break
    return start, end


def _after_window(text: str) -> str:
    """The predicate after a figure: up to 14 words, stopping at "and"/"but"/"that" or the next figure."""
    cut = re.search(r"\b(?:and|but|that)\b|\d", text)
    return " ".join(text[: cut.start() if cut else len(text)].split()[:14])


def hedge_kind(sentence: str, q: Quantity) -> tuple[str, str | None]:
    """(kind, hedge word) for ``q``, from the nearest hedge in its own clause.

    other: negated ("did not send 10,000"); projection: may/could/would/will/expects/up to ...;
    plan: planning/preparing/intends to, "to send"; estimate: about/roughly/estimated/assessed/
    reportedly/"according to ... estimates"; count: a plain reported figure ("at least 1,100").
    """
    start, end = _clause(sentence, q.start)
    before, after = sentence[start: q.start], _after_window(sentence[q.end: end])
    negation = list(_NEGATION.finditer(before))
    if negation:
        return "other", negation[-1][1]
    future = [(m.end(), kind, m[1]) for pattern, kind in ((_PLAN, "plan"), (_PROJECTION, "projection"))
              for m in pattern.finditer(before)]
    if future:
        _, kind, word = max(future)
        return kind, word.lower()
    if q.bound == "upper" and q.text.lower().startswith("up to"):
        return "projection", "up to"
    modal = _PROJECTION.search(after)  # "100,000 workers may be laid off"
    if modal:
        return "projection", modal[1].lower()
    if q.approx:
        return "estimate", modifier_of(q) or None
    hits = list(_ESTIMATE.finditer(before))
    nearest = hits[-1] if hits else _ESTIMATE.search(after)
    if nearest:
        return "estimate", nearest[1].lower()
    according = _ACCORDING_ESTIMATES.search(sentence)
    if according:
        return "estimate", according[1].lower()
    if q.bound == "upper":
        return "estimate", modifier_of(q) or None
    return "count", None


# --- figures in the parse -------------------------------------------------------------------------
# Entity labels of names: a number inside one, after its first token, is part of the name ("Formula 1").
_NAME_LABELS = frozenset("ORG FAC PRODUCT LAW EVENT WORK_OF_ART PERSON GPE LOC NORP".split())
_CURRENCY = ("$", "€", "£", "¥")


@dataclass(frozen=True)
class PlacedFigure:
    """A number of a sentence placed in its parse (offsets inside ``doc.text``)."""

    quantity: Quantity
    kind: FigureKind
    hedge: str | None
    noun: "Token | None"  # the noun it counts: "workers" in "3,000 Dutch workers"
    unit: str | None  # unit of measure: "mm", "km", "percent", "money"; None for a count
    stands_for: str | None = None  # lemma of an adjective or participle used as the noun: "100 dead"

    @property
    def counted(self) -> str | None:
        """Lemma of what a count counts: the noun, else the word standing for it; None for a measurement."""
        if self.unit is not None:
            return None
        return self.noun.lemma_.lower() if self.noun is not None else self.stands_for


def counted_noun(num: "Token") -> "Token | None":
    """The noun a number counts: "11,000 Dutch workers" -> workers; "40 million euros" -> euros;
    "3,000 of the workers" -> workers (a number standing as the noun itself)."""
    while num.dep_ == "conj" and num.head.like_num and num.head.i < num.i:  # "between 10,000 and 12,000 X"
        num = num.head
    tok = num
    for _ in range(4):
        if tok.dep_ in ("nummod", "quantmod", "compound", "amod") and tok.head is not tok:
            tok = tok.head
            if tok.pos_ in ("NOUN", "PROPN") and not tok.like_num:
                return tok if tok.i > num.i else None  # a noun before its number labels it ("Flight 370")
        else:
            break
    if num.dep_ in ("pobj", "dobj", "nsubj", "nsubjpass", "attr", "appos", "conj"):
        for child in num.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                objs = [c for c in child.children if c.dep_ == "pobj"]
                if objs and objs[0].pos_ == "NOUN":
                    return objs[0]
    return None


def _stands_for(num: "Token") -> str | None:
    """An adjective used as the counted noun ("about 100 dead"), or a participle that English uses
    as one ("another 1,000 wounded": ``qa.lexicon.COUNT_GROUPS``)."""
    nxt = num.doc[num.i + 1] if num.i + 1 < len(num.doc) else None
    if nxt is None or nxt.tag_ not in ("JJ", "VBN"):
        return None
    if nxt.dep_ in ("amod", "compound") and nxt.head.i > nxt.i:
        return None  # "100 new homes": it modifies the noun after it
    if nxt.tag_ == "VBN" and not any(nxt.lower_ in g for g in L.COUNT_GROUPS):
        return None  # "3,100 canceled": the event, not what was counted (unlike "the wounded")
    return nxt.lemma_.lower()


_VALUE_HOLDERS = frozenset({"PERSON", "GPE", "ORG", "NORP", "LOC"})


def _is_label(num: "Token") -> bool:
    """ "Flight 370", "Gate 4", "Task Force 51": a number right after the capitalised common noun it
    modifies, or inside a name entity after its first token, is part of a name. After a name of a
    person, place or team it is a value ("Maryland 22,357", "Stanford 17"); after a comma, an age or a
    price ("Ortiz, 62,")."""
    head = num.head
    if num.dep_ in ("nummod", "appos", "compound", "npadvmod") and head.i == num.i - 1 \
            and head.pos_ in ("NOUN", "PROPN") and head.text[:1].isupper() and head.ent_type_ not in _VALUE_HOLDERS:
        return True
    return num.ent_type_ in _NAME_LABELS and num.ent_iob_ == "I"


def _glued_unit(text: str) -> str | None:
    """ "170mm" -> "mm"; None when the token is a plain number."""
    t = text.lower().rstrip(".")
    for suffix in sorted(L.GLUED_UNIT_SUFFIXES, key=len, reverse=True):
        if t.endswith(suffix) and t[: -len(suffix)].replace(",", "").replace(".", "").isdigit():
            return suffix
    return None


def _unit(doc: "Doc", q: Quantity, num: "Token", noun: "Token | None") -> str | None:
    glued = _glued_unit(num.text) or (q.unit if q.unit in L.MEASURE_UNITS else None)
    if glued:
        return glued
    nxt = doc[num.i + 1] if num.i + 1 < len(doc) else None
    if nxt is not None and nxt.lower_ in L.MEASURE_UNITS:
        return nxt.lower_
    if noun is not None and noun.lemma_.lower() in L.MEASURE_UNITS:
        return noun.lemma_.lower()
    currency = doc.text[:q.start].rstrip()[-1:] in _CURRENCY or q.text[:1] in _CURRENCY
    # the small pipeline tags some bare counts as MONEY ("12.8 million active troops"): a count of a noun
    # that is not a currency, with no currency sign, is a count
    tagged_money = (num.ent_type_ == "MONEY" and not currency and noun is not None
                    and noun.lemma_.lower() not in L.CURRENCY_NOUNS)
    if num.ent_type_ in ("MONEY", "PERCENT", "QUANTITY") and not tagged_money:
        return num.ent_type_.lower()
    if currency:
        return "money"
    return None


def place_figures(doc: "Doc") -> list[PlacedFigure]:
    """Every figure of the parsed sentence ``doc``, placed in its parse, in order (labels skipped)."""
    text = doc.text
    out = []
    for q in find_quantities(text):
        span = doc.char_span(q.start, q.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        nums = [t for t in span if t.like_num or any(ch.isdigit() for ch in t.text)]
        num = nums[-1] if nums else span[-1]
        if _is_label(num):
            continue
        noun = counted_noun(num)
        unit = _unit(doc, q, num, noun)
        kind_s, hedge = hedge_kind(text, q)
        kind = FigureKind.MEASUREMENT if unit else FigureKind(kind_s)
        out.append(PlacedFigure(q, kind, hedge, noun, unit, None if noun is not None else _stands_for(num)))
    return out


# --- counted nouns: one comparison for the answer and the claim path --------------------------------
def counted_family(word: str) -> frozenset[str]:
    """``word``, its singular/plural spelling and its class in ``qa.lexicon.COUNT_GROUPS`` (casualty words,
    words for people): the words that count the same thing without a word-vector look-up."""
    w = word.lower()
    fam = {w, w.rstrip("s"), w + "s"}
    for group in L.COUNT_GROUPS:
        if fam & group:
            fam |= group
    return frozenset(fam)


def counts_same(a: str, cands: list[str], words=None, threshold: float | None = None) -> bool:
    """``a`` counts what one of ``cands`` counts: the same word or family (``counted_family``), a
    compound of it ("dockworker" counts "workers"), or, with ``words`` (a ``qa.coverage.WordCache``),
    word vectors at least ``threshold`` apart (default ``Config.counted_sim``)."""
    fam = counted_family(a)
    if any(b.lower() in fam or b.lower().rstrip("s") in fam or (min(len(a), len(b)) >= 4 and (a.endswith(b) or b.endswith(a))) for b in cands):
        return True
    if words is None or not cands:
        return False
    from qa.config import DEFAULT

    return words.nearest(a, list(cands)) >= (DEFAULT.counted_sim if threshold is None else threshold)
