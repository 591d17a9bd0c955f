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
