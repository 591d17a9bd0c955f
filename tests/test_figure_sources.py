"""Figures from differently attributed or dated sentences (qa.figure_sources) on invented text."""
from __future__ import annotations

import datetime as dt

from index.types import Sentence
from qa.figure_sources import SourcesOutcome, figure_sources
from qa.retrieve import Evidence
from qa.slots import slot_frame
from qa.stance import StanceCode, align
from qa.timeline import ArticleDate, DateSource, Precision


def _ev(text: str, doc: str) -> Evidence:
    s = Sentence(id=f"{doc}:c0:s0", doc_id=doc, chunk_id=f"{doc}:c0", index=0, start=0, end=len(text), text=text)
    return Evidence(s, 0, 0.9, 0.9, 0.8, 0)


def _judge(claim: str, texts: dict[str, str], dates: dict[str, dt.date] | None = None):
    cf = slot_frame(claim)
    evs = [_ev(t, d) for d, t in texts.items()]
    frames = [slot_frame(t) for t in texts.values()]
    stances = [align(cf, f, e) for f, e in zip(frames, evs)]
    ad = {d: ArticleDate(v, DateSource.METADATA, Precision.DAY) for d, v in (dates or {}).items()}
    return stances, figure_sources(cf, frames, stances, ad)


CLAIM = "About 400 workers were injured in the factory fire."
UNION = "The Maritime Workers Union said about 400 workers were injured in the factory fire."
AGENCY = "Ontario's labour agency said about 250 workers were injured in the factory fire."


def test_two_sources_with_different_figures_for_the_same_slot_conflict():
    stances, found = _judge(CLAIM, {"a": UNION, "b": AGENCY})
    assert {s.code for s in stances} == {StanceCode.SUPPORTS, StanceCode.REFUTES}
    assert found is not None and found.outcome is SourcesOutcome.CONFLICT
    assert "union" in found.reason.lower() and "agency" in found.reason.lower()  # both sources named
    assert found.deciding.code is StanceCode.SUPPORTS


def test_the_same_figures_on_different_dates_are_not_a_conflict():
    _, found = _judge(CLAIM, {"a": UNION, "b": AGENCY}, {"a": dt.date(2023, 10, 2), "b": dt.date(2023, 12, 5)})
    assert found is None


def test_a_source_that_updates_its_figure_is_judged_by_the_latest():
    early = "The Maritime Workers Union said about 250 workers were injured in the factory fire."
    _, found = _judge(CLAIM, {"a": UNION, "b": early}, {"a": dt.date(2023, 12, 5), "b": dt.date(2023, 10, 2)})
    assert found is not None and found.outcome is SourcesOutcome.LATEST
    assert found.deciding.code is StanceCode.SUPPORTS
    _, found = _judge(CLAIM, {"a": UNION, "b": early}, {"a": dt.date(2023, 10, 2), "b": dt.date(2023, 12, 5)})
    assert found is not None and found.deciding.code is StanceCode.REFUTES


def test_a_claim_that_names_its_source_is_judged_against_that_source():
    _, found = _judge("The Maritime Workers Union said about 400 workers were injured in the factory fire.", {"a": UNION, "b": AGENCY})
    assert found is None


def test_unattributed_figures_are_no_conflict_of_sources():
    _, found = _judge(CLAIM, {"a": "About 400 workers were injured in the factory fire.",
                              "b": "About 250 workers were injured in the factory fire."})
    assert found is None
    _, found = _judge(CLAIM, {"a": UNION, "b": "Reports said about 250 workers were injured in the factory fire."})
    assert found is None  # "reports" is no one in particular


def test_a_rounded_figure_is_the_same_figure():
    _, found = _judge(CLAIM, {"a": UNION, "b": "Ontario's labour agency said roughly 400 workers were injured in the factory fire."})
    assert found is None
