"""Which phrases of a question are names an article must mention, and whether its "according to X" names a
speaker (session 13, false refusals; used by ``qa.question_frames`` and ``qa.select``).

- ``name_span``: the recogniser folds question words into entities ("Whom" read as a PERSON) and reads
  number shorthand as names ("100k" as a PRODUCT); neither is a name the corpus must mention.
- ``source_is_text``: "according to the report on ..." names a text, which every figure of the articles
  is from, not a speaker the figures must be attributed to.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from qa import lexicon as L
from qa.numbers import parse_number

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


def name_span(ent: "Span", is_wh: Callable[["Token"], bool]) -> "Span | None":
    """The entity without the question words (``is_wh``) at its edges; None when nothing is left, or when
    what is left is a number ("100k", "eleven thousand")."""
    start, end = ent.start, ent.end
    while start < end and is_wh(ent.doc[start]):
        start += 1
    while end > start and is_wh(ent.doc[end - 1]):
        end -= 1
    if start == end:
        return None
    if (start, end) != (ent.start, ent.end):
        from spacy.tokens import Span

        ent = Span(ent.doc, start, end, label=ent.label_)
    return None if parse_number(ent.text) is not None else ent


def speaks(tok: "Token") -> bool:
    """The object of "according to" is a source that speaks: a name, a person or a body ("the ministry"),
    an informant ("local sources", ``L.INFORMANT_NOUNS``), not a text ("the report", "the articles")."""
    return bool(tok.ent_type_) or tok.pos_ == "PROPN" or any(t.ent_type_ for t in tok.lefts) \
        or tok.lemma_.lower() in L.PERSON_NOUNS | L.ORG_NOUNS | L.COUNT_GROUPS[1] | L.INFORMANT_NOUNS


def source_is_text(doc: "Doc") -> bool:
    """The question's "according to X" names a text, not a speaker: a source the figures are preferred by
    but need not match (``qa.select.select_figures``)."""
    for tok in doc:
        if tok.lower_ == "according":
            objs = [c for to in tok.children for c in to.children if c.dep_ == "pobj"]
            return bool(objs) and not speaks(objs[0])
    return False


__all__ = ["name_span", "source_is_text", "speaks"]


_NAME_GLUE = ("of", "'s", "’s")  # "Voice of America", "the city's Central Court"


def aux_subject(doc: "Doc", strict: bool = False) -> "tuple[Span, Token] | None":
    """ "did Acme report", "does the Tanner Institute estimate", "did Voice of America report", "did the
    Eastern farmers' union report": the named subject between "do" and a reporting verb, read from the
    tags because the small parser often takes the verb for a noun ("the Institute estimate") or the name
    for its modifier. The words between are names, adjectives, nouns and the glue of names ("of", "'s");
    at least one is a name (a proper noun or an entity), so "did the report say" has none. Returns the
    subject span (without its determiner) and the reporting verb. ``strict``: proper nouns only ("did Acme
    report"), the rule for the source of a figure: a descriptive source found there ("did Velmora's spy
    agency say") refuses more answerable figure questions than it catches (the trade in docs/ANSWER_CORE.md)."""
    for tok in doc:
        if tok.lemma_.lower() != "do" and tok.lower_ not in ("do", "does", "did"):
            continue
        k = tok.i + 1
        while k < len(doc) and doc[k].pos_ == "DET":
            k += 1
        start = k
        while k < len(doc) and k - start < 8:
            t = doc[k]
            if k > start and (t.lower_ in L.REPORTING_VERBS or t.lemma_.lower() in L.REPORTING_VERBS
                              or t.lemma_.lower() in L.PUBLISHING_VERBS):
                span = doc[start:k]
                if span[-1].lower_ not in _NAME_GLUE and any(w.pos_ == "PROPN" or w.ent_type_ for w in span):
                    return span, t
                break
            if strict and t.pos_ != "PROPN":
                break
            if not (t.pos_ in ("PROPN", "ADJ", "NOUN") or t.ent_type_ or t.lower_ in _NAME_GLUE):
                break
            k += 1
    return None
