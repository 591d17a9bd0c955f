"""Answering a multi-part question (``qa.parts``): each part is asked through the ordinary pipeline, a
part whose first cited sentence another part already cites for its own answer is asked again without it
(one sentence per part), and the answers are joined: each part's sentences in order with their citations
renumbered, a plain line for a part the articles do not answer, the short answer as the pair of spans
("A: x; B: y"), and for "which came first" / "how do they compare" the order or the difference read
only from the two parts' dates or figures (else a line saying the articles do not state it).
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from qa.numbers import find_quantities, format_value
from qa.parts import Part, Parts, Relation
from qa.timeline import ArticleDate, Precision, parse_date
from qa.types import Answer, PartAnswer

_MARK = re.compile(r"\[(\d+)\]")
_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")


def answer_parts(parts: Parts, ask: Callable[[Part, frozenset[tuple[str, int]]], Answer]) -> list[Answer]:
    """Each part's answer; ``ask(part, avoid)`` answers a part without the sentences ``avoid`` ((doc id,
    start) pairs). A part of EACH / ORDER / COMPARE whose first citation is an earlier part's first one and
    does not name the part's own subject is asked again without that sentence (kept if that is refused)."""
    out: list[Answer] = []
    firsts: set[tuple[str, int]] = set()
    for part in parts.parts:
        ans = ask(part, frozenset())
        first = _first(ans)
        if parts.relation is not Relation.BOTH and first in firsts and not _names(ans, part):
            again = ask(part, frozenset(firsts))
            ans = again if again.answerable else ans
            first = _first(ans)
        if first is not None:
            firsts.add(first)
        out.append(ans)
    return out


def _first(a: Answer) -> tuple[str, int] | None:
    if not a.answerable or not a.citations:
        return None
    c = a.citations[0]
    return (c.doc_id, c.start)


def _names(a: Answer, part: Part) -> bool:
    """The answer's first cited sentence names the part's subject (its last word: "the agency's chief")."""
    if part.label is None or not a.citations:
        return True
    words = [w.strip("'\u2019s(),") for w in part.label.split()]
    key = next((w for w in reversed(words) if len(w) > 2 and w[:1].isupper()), words[-1])
    return key.lower() in a.citations[0].quote.lower()


def join_parts(question: str, parts: Parts, answers: Sequence[Answer],
               whole: Callable[[], Answer] | None = None) -> Answer:
    """One answer for the whole question from its parts' answers (in the parts' order). When no part is
    answered, ``whole()`` (the question asked as one) when given, else the first part's refusal."""
    if not any(a.answerable for a in answers):
        return whole() if whole is not None else replace(answers[0], question=question, query=None)
    cites: list = []
    where: dict[tuple[str, int], int] = {}
    texts: list[str] = []
    figures: list = []
    per_part: list[PartAnswer] = []
    for part, a in zip(parts.parts, answers):
        renumber: dict[int, int] = {}
        for c in a.citations:
            key = (c.doc_id, c.start)
            if key not in where:
                cites.append(replace(c, n=len(cites) + 1))
                where[key] = len(cites)
            renumber[c.n] = where[key]
        text = _MARK.sub(lambda m: f"[{renumber.get(int(m.group(1)), int(m.group(1)))}]", a.answer)
        if not a.answerable:  # the refusal names the part and keeps its closest passage
            texts.append(f"The articles do not answer {_what(part)}: {text[:1].lower() + text[1:]}")
            per_part.append(PartAnswer(part.text, part.label, False, None, None))
            continue
        texts.append(text)
        figures += [replace(f, citation=renumber.get(f.citation, f.citation)) for f in a.figures]
        span = a.short_answer_span
        span = {**span, "citation": renumber.get(span["citation"], span["citation"])} if span else None
        per_part.append(PartAnswer(part.text, part.label, True, a.short_answer, span))
    answered = [p for p in per_part if p.answerable]
    note = _relation_note(parts, answers, per_part, _year(question))
    short = _pair(answered)
    if note is not None and note.short is not None:
        short = note.short
    if note is not None:
        texts.append(note.text)
    timings = {k: round(sum(a.timings_ms.get(k, 0.0) for a in answers), 2)
               for k in {k for a in answers for k in a.timings_ms}}
    retrieved = tuple(dict.fromkeys(d for a in answers for d in a.retrieved))
    return replace(answers[0], question=question, answer=" ".join(texts), answerable=True, short_answer=short,
                   short_answer_span=answered[0].span, figures=tuple(figures), citations=tuple(cites),
                   timings_ms=timings, query=None, retrieved=retrieved, refusal=None, parts=tuple(per_part))


def _what(part: Part) -> str:
    return f"the part about {part.label}" if part.label else f"\u201c{part.text}\u201d"


def _pair(answered: list[PartAnswer]) -> str | None:
    """"A: x; B: y" (labels when the parts have them); a short answer another one contains is left out."""
    shown: list[str] = []
    for p in answered:
        if not p.short_answer:
            continue
        if p.label is None and any(p.short_answer.strip().lower() in s.lower() for s in shown):
            continue
        shown.append(f"{p.label}: {p.short_answer}" if p.label and len(answered) > 1 else p.short_answer)
    return "; ".join(shown) if shown else None


@dataclass(frozen=True)
class _Note:
    """A line about how the parts relate, and the short answer it gives (None: the parts' pair stands)."""

    text: str
    short: str | None = None


def _relation_note(parts: Parts, answers: Sequence[Answer], per_part: list[PartAnswer],
                   year: int | None = None) -> _Note | None:
    """For ORDER / COMPARE with two parts: the order of their dates or the difference of their figures,
    when both parts give one; else a line saying the articles do not state it. ``year``: the one year the
    question names ("which came first in 2024"), read into a date the part gives without one."""
    if parts.relation not in (Relation.ORDER, Relation.COMPARE) or len(per_part) != 2:
        return None
    if not all(p.answerable for p in per_part):
        return None
    a, b = per_part
    if parts.relation is Relation.ORDER:
        da, db = _date(a.short_answer, year), _date(b.short_answer, year)
        first = _earlier(da, db)
        if first is None:
            return _Note("The articles do not state which came first; each part's date is given above.")
        if first == 0:
            return _Note(f"Both are dated {da.phrase()}.")
        (e, de), (l, dl) = ((a, da), (b, db)) if first < 0 else ((b, db), (a, da))
        return _Note(f"{e.label} ({de.phrase()}) came before {l.label} ({dl.phrase()}).",
                     f"{e.label} ({de.phrase()})")
    va, vb = _value(answers[0]), _value(answers[1])
    if va is None or vb is None:
        return _Note("The articles do not state how the two compare; each part is answered above.")
    (ta, xa), (tb, xb) = va, vb
    if xa == xb:
        return _Note(f"Both give {ta}.")
    more, less = (a, b) if xa > xb else (b, a)
    hi, lo = max(xa, xb), min(xa, xb)
    return _Note(f"The figure for {more.label} ({ta if xa > xb else tb}) is larger than the one for {less.label} "
                 f"({tb if xa > xb else ta}), by {_fmt(hi - lo)}.")


def _date(text: str | None, year: int | None = None) -> ArticleDate | None:
    if not text:
        return None
    return parse_date(text) or (parse_date(f"{text} {year}") if year is not None else None)


def _earlier(a: ArticleDate | None, b: ArticleDate | None) -> int | None:
    """-1 when ``a`` is earlier, 1 when ``b`` is, 0 for the same date; None when the dates cannot tell
    (one missing, or the same month or year at a precision that does not separate them)."""
    if a is None or b is None:
        return None
    for prec, key in ((Precision.YEAR, lambda d: d.year), (Precision.MONTH, lambda d: (d.year, d.month)),
                      (Precision.DAY, lambda d: d)):
        if key(a.date) != key(b.date):
            return -1 if key(a.date) < key(b.date) else 1
        if a.precision is prec or b.precision is prec:
            return 0 if a.precision is b.precision else None
    return 0


def _year(question: str) -> int | None:
    years = set(_YEAR.findall(question))
    return int(years.pop()) if len(years) == 1 else None


def _value(a: Answer) -> tuple[str, float] | None:
    """The single value of the answer's lead figure (a range or bound has no one value: None)."""
    if a.figures:
        f = a.figures[0]
        if f.low is not None and f.low == f.high:
            return f.value, float(f.low)
        return None
    qs = find_quantities(a.short_answer or "")
    if len(qs) == 1 and qs[0].low is not None and qs[0].low == qs[0].high and not qs[0].bound:
        return format_value(qs[0]), float(qs[0].low)
    return None


def _fmt(v: float) -> str:
    return f"{int(v):,}" if v == int(v) else f"{v:,.2f}"


__all__ = ["answer_parts", "join_parts"]
