"""Compound questions: "What did X say about Y, and what has he warned Z would mean?" asks two
things, and one retrieval finds the sentences of one of them. Split at a coordinating "and" that
opens a second wh-clause (spaCy tags), make the second part stand alone (a subject pronoun takes
the first part's subject, a leading "According to X," is carried over). ``qa.parts`` reads the
other multi-part shapes; ``qa.part_answers`` answers the parts and joins them.
"""
from __future__ import annotations

from dataclasses import dataclass

from qa.attribution import WH_TAGS

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})  # a clause's subject (also read by qa.parts)


@dataclass(frozen=True)
class Compound:
    """The two questions of a compound question, each standing alone."""

    first: str
    second: str


def span_subject(span) -> str | None:
    """The first part's subject as written ("Ana Ortiz", "the harbour workers"); a wh-determined
    one becomes definite ("which Danish ferry" -> "the Danish ferry"); None for a pronoun or a bare
    wh-word."""
    for t in span:
        if t.dep_ in SUBJECT_DEPS and t.pos_ != "PRON" and t.tag_ not in WH_TAGS:
            sub = [w for w in t.subtree if span.start <= w.i < span.end]
            words = [w.text for w in sub]
            if sub[0].tag_ in WH_TAGS:
                words[0] = "the"
            return " ".join(words) if sub[0].tag_ in WH_TAGS else span.doc[sub[0].i: sub[-1].i + 1].text
    return None


def split_compound(doc) -> Compound | None:
    """The parts of a question parsed as ``doc`` when it coordinates two wh-questions ("..., and
    what ...", "... and how often ..."); None for one question ("Who and why", "What X and Y")."""
    for t in doc:
        if t.lower_ != "and" or t.i + 1 >= len(doc) or doc[t.i + 1].tag_ not in WH_TAGS:
            continue
        first, rest = doc[: t.i], doc[t.i + 1:]
        if not any(w.tag_ in WH_TAGS for w in first):
            continue
        if not any(w.pos_ in {"VERB", "AUX"} for w in rest) or not any(w.pos_ in {"VERB", "AUX"} for w in first):
            continue  # "who and why": no clause of its own
        lead = next(w for w in first if w.tag_ in WH_TAGS)
        preamble = doc[: lead.i].text.strip() if lead.i and doc[lead.i - 1].text == "," else ""
        subject = span_subject(first)
        words = []
        done = False
        for w in rest:
            if not done and subject and w.dep_ in SUBJECT_DEPS and w.tag_ == "PRP":
                words.append(subject + w.whitespace_)
                done = True
            else:
                words.append(w.text_with_ws)
        second = "".join(words).strip()
        second = (f"{preamble} {second}" if preamble else second[:1].upper() + second[1:])
        first_text = first.text.rstrip(" ,;")
        if not first_text.endswith("?"):
            first_text += "?"
        return Compound(first_text, second if second.endswith("?") else second + "?")
    return None
