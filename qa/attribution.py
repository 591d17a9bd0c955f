"""Who made a statement: one attribution rule for the answer frames and the claim slots, from the parse.

``speaker_of(doc)`` returns the source of a parsed sentence: the object of "according to X", else
the subject of a reporting verb (``qa.lexicon.REPORTING_VERBS`` by lemma: say, tell, warn, report,
estimate ...; the one nearest the root), "the agency, which reported ..." (the noun a relative
clause hangs from), and "he said" marked as a pronoun for the reader to resolve from the sentences
before (``qa.reader.Reader.speaker``). Descriptive sources (``source_phrase``): a reporting noun's author
("estimates by X", "data from X" -> X), a common noun's name in apposition ("<descriptor> <Name>, citing
..., reported" -> the name), and a reporting noun that is the main verb's subject ("U.S. estimates put the
toll at ..."). ``named_source(span)`` says whether a source span holds a name or a proper adjective. ``speaker_label`` is the text shown for it ("the" dropped).
``find_speaker(text)`` parses a string and returns that label (the claim path's entry point).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from qa import lexicon as L

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

__all__ = ["NAME_LABELS", "entity_of", "find_speaker", "named_source", "phrase", "reporting_subjects", "source_phrase",
           "speaker_label", "speaker_of", "speaker_source", "speaker_text"]

NAME_LABELS = frozenset("PERSON ORG GPE LOC FAC NORP EVENT PRODUCT WORK_OF_ART LAW LANGUAGE".split())
WH_TAGS = frozenset({"WDT", "WP", "WP$", "WRB"})  # Penn tags of wh-words (what, which, whose, where ...)
_SOURCE_LABELS = ("ORG", "PERSON", "GPE", "NORP")


def entity_of(tok: "Token") -> "SpacySpan | None":
    """The entity ``tok`` is part of, if any."""
    if not tok.ent_type_:
        return None
    for ent in tok.doc.ents:
        if ent.start <= tok.i < ent.end:
            return ent
    return None


def phrase(tok: "Token") -> "SpacySpan":
    """The name or noun phrase headed by ``tok``: its entity, else its compact left subtree."""
    ent = entity_of(tok)
    if ent is not None and ent.label_ in NAME_LABELS:
        return ent
    left = [t for t in tok.lefts if t.dep_ in ("compound", "amod", "poss", "nmod", "det", "case")]
    start = min([t.left_edge.i for t in left] + [tok.i])
    while start < tok.i and tok.doc[start].dep_ == "det":
        start += 1
    return tok.doc[start: tok.i + 1]


def source_phrase(tok: "Token") -> "SpacySpan":
    """The source a noun names: the author of a reporting noun ("estimates by the bank" -> the bank;
    ``qa.lexicon.REPORTING_NOUNS``, ``AUTHOR_PREPOSITIONS``), the name in apposition to a common noun
    ("the outlet The Daily Ledger" -> The Daily Ledger), else ``phrase(tok)``."""
    if tok.pos_ == "NOUN":
        if tok.lemma_.lower() in L.REPORTING_NOUNS:
            for prep in tok.children:
                if prep.dep_ == "prep" and prep.lower_ in L.AUTHOR_PREPOSITIONS:
                    objs = [c for c in prep.children if c.dep_ == "pobj" and c.pos_ in ("NOUN", "PROPN")]
                    if objs:
                        return source_phrase(objs[0])
        names = [c for c in tok.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
        if not names:  # "the broadcasting company of <Place>, <Name>, reported": the name hangs from the "of" object
            names = [a for prep in tok.children if prep.dep_ == "prep" and prep.lower_ == "of"
                     for o in prep.children if o.dep_ == "pobj" for a in o.children
                     if a.dep_ == "appos" and a.pos_ == "PROPN"]
        if names:  # with the names joined to it: "outlets A and B" -> "A and B"
            first, last = phrase(names[0]), names[0]
            while (more := [c for c in last.children if c.dep_ == "conj" and c.pos_ == "PROPN"]):
                last = more[-1]
            return tok.doc[first.start: max(first.end, phrase(last).end)]
    return phrase(tok)


def named_source(span: "SpacySpan") -> bool:
    """The source span holds a name (a person, body, place or people: entity label or proper noun) or a
    proper adjective ("Western", "Nordic": capitalised, not the sentence's first word): "reports",
    "the union" or "local estimates" name no one in particular."""
    for t in span:
        if t.ent_type_ in _SOURCE_LABELS or t.ent_type_ in ("GPE", "LOC") or t.pos_ == "PROPN":
            return True
        if t.pos_ == "ADJ" and t.text[:1].isupper() and not t.is_sent_start:
            return True
    return False


def _according_to(doc: "Doc") -> "SpacySpan | None":
    for tok in doc:
        if tok.lower_ == "according":
            for to in tok.children:
                if to.lower_ == "to":
                    objs = [c for c in to.children if c.dep_ == "pobj"]
                    if objs:
                        return source_phrase(objs[0])
    return None


def _reporting_noun_subject(doc: "Doc") -> "SpacySpan | None":
    """A named reporting noun that is the subject of a sentence's main verb: "U.S. estimates put the toll at
    ..." ("reports emerged of ..." names no one: no source)."""
    for root in (t for t in doc if t.dep_ == "ROOT"):
        for s in root.children:
            if s.dep_ == "nsubj" and s.pos_ == "NOUN" and s.lemma_.lower() in L.REPORTING_NOUNS:
                span = source_phrase(s)
                return span if named_source(span) else None
    return None


def speaker_of(doc: "Doc") -> tuple["SpacySpan | None", bool]:
    """The source of the sentence's statement: "according to X", else the subject of a reporting
    verb (the one nearest the root). Returns (span, is_pronoun)."""
    according = _according_to(doc)
    if according is not None:
        return according, False
    verbs = [t for t in doc if t.lemma_.lower() in L.REPORTING_VERBS and t.pos_ in ("VERB", "AUX")]
    verbs.sort(key=lambda t: (len(list(t.ancestors)), t.i))
    for verb in verbs:
        subj = sorted((c for c in verb.children if c.dep_ == "nsubj"), key=lambda c: abs(c.i - verb.i))
        if not subj:
            continue
        s = subj[0]  # the nearest: when two subjects are parsed ('"...," the minister stated')
        if s.tag_ in WH_TAGS:
            if verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN"):
                return phrase(verb.head), False  # "the agency, which reported ..."
            before = [e for e in doc.ents if e.end <= s.i and e.label_ in _SOURCE_LABELS]
            if before and s.i - before[-1].end <= 3:  # "... Bureau of Statistics (BLS), which said" misparsed
                return before[-1], False
            continue
        if s.pos_ == "PRON":
            if s.lower_ in L.CONTINUATION_PRONOUNS:
                return doc[s.i: s.i + 1], True
            continue
        return source_phrase(s), False
    return _reporting_noun_subject(doc), False


def speaker_label(text: str) -> str:
    """The text shown for a speaker span: quotes and punctuation stripped, a leading "the" dropped."""
    t = text.strip(" ,.;:“”\"'‘’")
    return t[4:] if t.lower().startswith("the ") else t


def speaker_text(doc: "Doc") -> str | None:
    """The label of who made the statement in the parsed sentence ``doc``; None when it is unattributed
    or attributed only to a pronoun (there is no context here to resolve it)."""
    span, pronoun = speaker_of(doc)
    return None if span is None or pronoun else speaker_label(span.text) or None


def speaker_source(doc: "Doc") -> tuple[str | None, bool]:
    """(``speaker_text(doc)``, whether that source is named: ``named_source``)."""
    span, pronoun = speaker_of(doc)
    label = None if span is None or pronoun else speaker_label(span.text) or None
    return label, label is not None and named_source(span)


def reporting_subjects(doc: "Doc") -> tuple[str, ...]:
    """Every subject of a reporting verb in a sentence (pronouns included), and the X of "according
    to X" (a sentence may report two statements: "X dismissed the reports, but an official said ...")."""
    out = []
    for tok in doc:
        if tok.lemma_.lower() in L.REPORTING_VERBS and tok.pos_ in ("VERB", "AUX"):
            out += [doc[c.left_edge.i: c.i + 1].text for c in tok.children if c.dep_ == "nsubj"]
        if tok.lower_ == "according":
            out += [doc[o.left_edge.i: o.right_edge.i + 1].text for to in tok.children for o in to.children
                    if o.dep_ == "pobj"]
    return tuple(out)


def find_speaker(text: str) -> str | None:
    """``speaker_text`` of ``text`` parsed."""
    from qa.nlp import pipeline

    return speaker_text(pipeline()(text))
