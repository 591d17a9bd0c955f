"""Compound questions: "What did X say about Y, and what has he warned Z would mean?" asks two
things, and one retrieval finds the sentences of one of them. Split at a coordinating "and" that
opens a second wh-clause (spaCy tags), make the second part stand alone (a subject pronoun takes
the first part's subject, a leading "According to X," is carried over), answer each part, and
join the two answers with their citations renumbered.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from qa.attribution import WH_TAGS
from qa.types import Answer

_SUBJ = {"nsubj", "nsubjpass"}
_MARK = re.compile(r"\[(\d+)\]")


@dataclass(frozen=True)
class Compound:
    """The two questions of a compound question, each standing alone."""

    first: str
    second: str


def _subject(span) -> str | None:
    """The first part's subject as written ("Ana Ortiz", "the harbour workers"); a wh-determined
    one becomes definite ("which Danish ferry" -> "the Danish ferry"); None for a pronoun or a bare
    wh-word."""
    for t in span:
        if t.dep_ in _SUBJ and t.pos_ != "PRON" and t.tag_ not in WH_TAGS:
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
        subject = _subject(first)
        words = []
        done = False
        for w in rest:
            if not done and subject and w.dep_ in _SUBJ and w.tag_ == "PRP":
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


def join_answers(question: str, a: Answer, b: Answer) -> Answer:
    """One answer to a compound question: ``a``'s text and citations, then ``b``'s with its [n]
    markers renumbered after ``a``'s (a sentence both cite keeps ``a``'s number)."""
    by_quote = {(c.doc_id, c.start): c.n for c in a.citations}
    renumber: dict[int, int] = {}
    extra = []
    for c in b.citations:
        n = by_quote.get((c.doc_id, c.start))
        if n is None:
            n = len(a.citations) + len(extra) + 1
            extra.append(replace(c, n=n))
        renumber[c.n] = n
    text_b = _MARK.sub(lambda m: f"[{renumber.get(int(m.group(1)), int(m.group(1)))}]", b.answer)
    figures_b = tuple(replace(f, citation=renumber.get(f.citation, f.citation)) for f in b.figures)
    timings = {k: round(a.timings_ms.get(k, 0.0) + b.timings_ms.get(k, 0.0), 2)
               for k in set(a.timings_ms) | set(b.timings_ms)}
    lead = a if a.answerable or not b.answerable else b
    return replace(
        a, question=question, answer=f"{a.answer} {text_b}", answerable=a.answerable or b.answerable,
        short_answer=_joined_short(a, b) if lead is a else b.short_answer,
        short_answer_span=a.short_answer_span if lead is a else _span(b.short_answer_span, renumber),
        figures=a.figures + figures_b, citations=a.citations + tuple(extra), timings_ms=timings,
        query=None, retrieved=tuple(dict.fromkeys(a.retrieved + b.retrieved)),
        refusal=None if a.answerable or b.answerable else a.refusal,
    )


def _joined_short(a: Answer, b: Answer) -> str | None:
    """Both parts' short answers when both are answered ("June; in Lisbon"); else the first's."""
    if not (a.answerable and b.answerable and a.short_answer and b.short_answer) \
            or b.short_answer.strip().lower() in a.short_answer.lower():
        return a.short_answer
    return f"{a.short_answer}; {b.short_answer}"


def _span(span: dict | None, renumber: dict[int, int]) -> dict | None:
    if span is None:
        return None
    return {**span, "citation": renumber.get(span["citation"], span["citation"])}
