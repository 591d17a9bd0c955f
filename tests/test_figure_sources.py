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


def test_sources_of_different_dates_disagree_about_a_claim_that_names_no_time():
    # the claim names no time: the union's October figure and the agency's December one both bear on it,
    # and the reason says when each source gave its figure
    _, found = _judge(CLAIM, {"a": UNION, "b": AGENCY}, {"a": dt.date(2023, 10, 2), "b": dt.date(2023, 12, 5)})
    assert found is not None and found.outcome is SourcesOutcome.CONFLICT
    assert "2 October 2023" in found.reason and "5 December 2023" in found.reason
    # two sources of the same date are compared first: undated reasons when they disagree
    third = "Ontario's fire service said about 300 workers were injured in the factory fire."
    _, found = _judge(CLAIM, {"a": UNION, "b": AGENCY, "c": third},
                      {"a": dt.date(2023, 10, 2), "b": dt.date(2023, 12, 5), "c": dt.date(2023, 10, 2)})
    assert found is not None and "2023" not in found.reason and "300" in found.reason and "250" not in found.reason


def test_descriptive_sources_of_a_figure_are_named_sources():
    # "according to <adjective> estimates", "estimates by X", "<descriptor> <Name>, citing ..., reported"
    texts = {"a": "According to Western intelligence assessments, about 400 workers were injured in the factory fire.",
             "b": "Estimates by the Harbour Safety Board show that about 250 workers were injured in the factory fire."}
    _, found = _judge(CLAIM, texts)
    assert found is not None and found.outcome is SourcesOutcome.CONFLICT
    assert {f.source for f in found.figures} == {"Western intelligence assessments", "Harbour Safety Board"}
    texts["b"] = ("Local outlet The Valley Courier, citing hospital staff, reported that about 250 workers were "
                  "injured in the factory fire.")
    _, found = _judge(CLAIM, texts)
    assert found is not None and "Valley Courier gives" in found.reason
    # a noun that names no one ("according to reports", "official figures") is no source
    texts["b"] = "According to official figures, about 250 workers were injured in the factory fire."
    assert _judge(CLAIM, texts)[1] is None


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
