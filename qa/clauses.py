"""Clauses read from a sentence's parse for the evidence frame (``qa.parse.evidence_frame``): the
reason or purpose it gives (a why-question's short answer) and who does each of its verbs (a
"when did X do Y" question's doer check, ``qa.constraints.check_agent``)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from qa import lexicon as L

if TYPE_CHECKING:
    from spacy.tokens import Doc


def verb_doers(doc: "Doc") -> tuple[tuple[str, str | None], ...]:
    """For each verb of a sentence, its lemma and who does it: its subject or the X of a passive
    "by X" (None when it has neither, or when the subject is a pronoun: unknown here)."""
    out: list[tuple[str, str | None]] = []
    for tok in doc:
        if tok.pos_ != "VERB":
            continue
        who = None
        for c in tok.children:
            if c.dep_ == "nsubj" and c.pos_ != "PRON":
                who = doc[c.left_edge.i: c.right_edge.i + 1].text
            elif c.dep_ == "agent":
                who = " ".join(doc[o.left_edge.i: o.right_edge.i + 1].text for o in c.children if o.dep_ == "pobj") or None
        out.append((tok.lemma_.lower(), who))
    return tuple(out)


def reason_clause(doc: "Doc") -> tuple[int, int] | None:
    """Character offsets of the reason or purpose a sentence gives, for a why-question's short
    answer (spaCy parse): a clause opened by a causal subordinator ("because / since / as ..."), a
    causal preposition with its object ("because of / due to / owing to ..."), or a purpose clause
    ("(in order) to ..."). The first found, in that order; None when the sentence states none."""

    def clause(head, first) -> tuple[int, int]:
        toks = [t for t in head.subtree if t.i >= first.i]
        end = toks[-1]
        while end.i > first.i and end.is_punct:
            end = doc[end.i - 1]
        return first.idx, end.idx + len(end.text)

    for t in doc:
        if t.dep_ == "mark" and t.lower_ in L.REASON_MARKERS and t.head.dep_ == "advcl":
            return clause(t.head, t)
    for t in doc:
        if t.dep_ == "prep" and t.lower_ in L.REASON_PREPS or (
                t.lower_ in L.REASON_PREPS and t.i + 1 < len(doc) and doc[t.i + 1].lower_ in ("of", "to")
                and t.dep_ in ("amod", "advmod", "prep", "mwe", "case")):
            obj = [c for c in doc[t.i + 1].subtree] if t.i + 1 < len(doc) else []
            if obj and obj[-1].i > t.i + 1:
                end = obj[-1]
                while end.i > t.i and end.is_punct:
                    end = doc[end.i - 1]
                return t.idx, end.idx + len(end.text)
    for t in doc:
        if t.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children) \
                and t.head.pos_ == "VERB" and t.head.lemma_ not in L.NON_PURPOSE_HEADS \
                and not any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in t.children):  # "for X to ...": X's, not a purpose
            first = min(t.subtree, key=lambda w: w.i)
            if first.lower_ == "in" and first.i + 1 < len(doc) and doc[first.i + 1].lower_ == "order":
                pass
            elif first.lower_ != "to":
                first = next(c for c in t.children if c.dep_ == "aux" and c.lower_ == "to")
            return clause(t, first)
    for t in doc:  # "in part to offset ...": a purpose the parser hangs from "part"
        if t.dep_ == "acl" and t.head.lower_ == "part" and t.head.head.lower_ == "in" \
                and any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children):
            return clause(t, t.head.head)
    return None


__all__ = ["reason_clause", "verb_doers"]
