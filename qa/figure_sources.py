"""Figures for the claim's slot from differently attributed sources: a conflict, or an update.

``qa.stance.align`` judges each evidence sentence's figure against the claim's on its own. When the
claim names no source, two credible sentences attributed to different sources (``SlotFrame.speaker``)
that give different figures for the same counted group, place and time as the claim are a
disagreement between sources: the verdict is "conflicting", whichever of them matches the claim. Two
figures from different times are not a conflict: figures are ordered by their article's date, a
source's latest figure updates its earlier ones (when that leaves one figure, it decides), and only
sources dated alike (or undated) are compared first; when no two of them disagree and the claim names
no time, credible sources of different dates that give different figures disagree about the claim too
(the reason gives each one's date). A claim that names a time has had the other times' figures set
aside by ``qa.stance.time_clash``.

``figure_sources(claim, frames, stances, dates)`` returns a typed ``SourcesFinding`` or None.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum
from typing import Mapping, Sequence

from index.lexical import tokenize
from qa.slots import SlotFrame
from qa.clashes import place_clash, time_clash
from qa.stance import Slot, Stance, StanceCode


class SourcesOutcome(str, Enum):
    CONFLICT = "conflict"  # different sources, same time, different figures
    LATEST = "latest"  # a source's figures from different times: its latest one decides


@dataclass(frozen=True)
class SourceFigure:
    source: str  # who the sentence attributes the figure to
    value: str  # the figure as the stance renders it
    stance: Stance
    dated: str | None = None  # its article's date as a reader sees it ("March 2024"; qa.timeline.ArticleDate.phrase)


@dataclass(frozen=True)
class SourcesFinding:
    outcome: SourcesOutcome
    figures: tuple[SourceFigure, ...]  # CONFLICT: one per disagreeing source; LATEST: the latest ones
    deciding: Stance

    @property
    def reason(self) -> str:
        if self.outcome is SourcesOutcome.CONFLICT:
            dated = len({f.dated for f in self.figures}) > 1  # sources of different dates: say when each spoke
            return "sources disagree: " + "; ".join(
                f"{f.source} gives {f.value}" + (f" ({f.dated})" if dated and f.dated else "") for f in self.figures)
        src = f", {self.figures[0].source}" if self.figures[0].source else ""
        return f"the latest figure ({self.figures[0].value}{src}) {'matches' if self.deciding.code is StanceCode.SUPPORTS else 'differs'}; earlier ones were updated"


def _same_source(a: str, b: str) -> bool:
    ta, tb = set(tokenize(a)), set(tokenize(b))
    return bool(ta & tb) or a.lower() in b.lower() or b.lower() in a.lower()


def figure_sources(claim: SlotFrame, frames: Sequence[SlotFrame], stances: Sequence[Stance],
                   dates: Mapping[str, object] | None = None) -> SourcesFinding | None:
    """The finding about the claim's figure from differently attributed sentences (see the module
    docstring), or None when fewer than two sources give a figure for the claim's slot. ``dates``: each
    article's ``qa.timeline.ArticleDate`` (or None) by doc id."""
    if claim.speaker or not claim.figures:
        return None
    if any(s.code is StanceCode.REFUTES and s.slot is not Slot.FIGURE for s in stances):
        return None  # refuted on another slot (place, time, direction...): not a matter of whose figure
    figs = [(f, s) for f, s in zip(frames, stances)
            if s.slot is Slot.FIGURE and s.code in (StanceCode.SUPPORTS, StanceCode.REFUTES)]
    if len({_digits(s.evidence_value) for _, s in figs}) < 2:
        return None
    when = {id(s): _date((dates or {}).get(s.evidence.sentence.doc_id)) for _, s in figs}
    shown = {id(s): _phrase((dates or {}).get(s.evidence.sentence.doc_id)) for _, s in figs}
    if not (claim.years or claim.months):
        figs = _latest_per_source(figs, when)
        if len({_digits(s.evidence_value) for _, s in figs}) < 2:  # a source updated its own figure: the latest decides
            f, s = max(figs, key=lambda fs: (when[id(fs[1])] or dt.date.min, fs[1].evidence.score))
            return SourcesFinding(SourcesOutcome.LATEST, (SourceFigure(f.speaker or "", s.evidence_value or "", s),), s)
    picked = _pick(figs, when, shown, same_date=True)
    if len({_digits(p.value) for p in picked}) < 2 and not (claim.years or claim.months):
        # no two sources of one date disagree, and the claim names no time: sources of different dates that
        # give different figures disagree about it too (each is shown with its date)
        picked = _pick(figs, when, shown, same_date=False)
    if len(picked) < 2 or len({_digits(p.value) for p in picked}) < 2:
        return None
    deciding = next((p.stance for p in picked if p.stance.code is StanceCode.SUPPORTS), picked[0].stance)
    return SourcesFinding(SourcesOutcome.CONFLICT, tuple(picked), deciding)


def _pick(figs, when, shown, same_date: bool) -> list[SourceFigure]:
    """One figure per credible source, best scored first, for the same place and time as the first
    (``same_date``: from articles of the first one's date too)."""
    picked: list[SourceFigure] = []
    first: SlotFrame | None = None
    first_date: dt.date | None = None
    for f, s in sorted(figs, key=lambda fs: -fs[1].evidence.score):
        if not _credible(f) or any(_same_source(p.source, f.speaker) for p in picked):
            continue
        if first is not None and (place_clash(first, f) or time_clash(first, f) or (same_date and when[id(s)] != first_date)):
            continue  # another place or time (sentence or article date): not the same slot
        if first is None:
            first, first_date = f, when[id(s)]
        picked.append(SourceFigure(f.speaker, s.evidence_value or "", s, shown[id(s)]))
    return picked


def _latest_per_source(figs, when):
    """Each source's figures from its latest dated article only: a source's later figure updates its earlier one."""
    latest: dict[str, dt.date] = {}
    for f, s in figs:
        if f.speaker and when[id(s)] is not None:
            key = f.speaker.lower()
            latest[key] = max(latest.get(key, when[id(s)]), when[id(s)])
    return [(f, s) for f, s in figs if not f.speaker or when[id(s)] is None
            or when[id(s)] == latest.get(f.speaker.lower())]


def _credible(f: SlotFrame) -> bool:
    """The sentence names who gave its figure, and that source is a named person, body, place or people,
    or described by one ("Western intelligence assessments", ``SlotFrame.speaker_named``); "the union"
    alone, or "reports", is no one in particular."""
    if not f.speaker:
        return False
    if f.speaker_named:
        return True
    words = set(tokenize(f.speaker))
    return any(words & set(tokenize(n)) for n in f.actors | f.places) or any(w[:1].isupper() for w in f.speaker.split()[1:])


def _digits(value: str | None) -> str:
    """The figure without its hedge or rounding mark: "≈10,000" and "10,000" are the same figure."""
    return "".join(ch for ch in value or "" if ch.isdigit() or ch in ".-")


def _date(d) -> dt.date | None:
    return getattr(d, "date", None)


def _phrase(d) -> str | None:
    return d.phrase() if hasattr(d, "phrase") else None
