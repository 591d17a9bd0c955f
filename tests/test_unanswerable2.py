"""Unanswerable questions answered (session 14, unans2, issue 10): one general rule per test, on invented text
(nothing from the seeds or the benchmarks)."""
from __future__ import annotations

from qa.frames import Refusal
from qa.parse import question_frame

PORT = """Port strike in Velmar

Harbour master Irene Castell said on Monday that 40 cranes stood idle at the port of Velmar.
Dockworkers told the Coastal Herald they would stay away until the pay dispute was settled.
The Velmar Shipping Guild estimated that 12 ships were waiting outside the harbour.
"""


# --- 1. the subject of a publishing verb is the source of the figure ------------------------------------
def test_the_named_subject_of_a_publishing_verb_is_the_source():
    assert question_frame("What count of idle cranes has Ostra Radio published?").source == "Ostra Radio"
    assert question_frame("How many idle cranes did Ostra Radio publish?").source == "Ostra Radio"
    assert question_frame("How many idle cranes did Ostra Radio release?").source == "Ostra Radio"
    assert question_frame("How many cranes stood idle at the port?").source is None  # no publisher named


def test_a_figure_published_by_another_source_does_not_answer(engine_over):
    engine = engine_over({"port.txt": PORT})
    out = engine.ask("What count of idle cranes has the Coastal Herald published?")
    assert not out.answerable and out.refusal["code"] == Refusal.CONSTRAINT_UNMET.value
    assert "Coastal Herald" in out.refusal["message"]
    said = engine.ask("How many idle cranes did Irene Castell report?")
    assert said.answerable and "40" in (said.short_answer or "")


# --- 2. where or to whom the source spoke: the figure's own statement, not an aside or another statement --
COUNCIL = """Budget vote in Ostra

Treasurer Mira Holm, pictured during a visit to the Grand Arsenal in May, made the remarks at a session of the
Danish parliament on Tuesday.
Mira Holm said that 300 teachers would lose their posts next year.
Holm addressed the Danish parliament by video link from her office.
The city's ferry service will run on a reduced timetable over the winter.
Holm told the Ostra Courier that 40 schools would close.
"""


def test_a_setting_given_in_an_aside_about_the_source_is_not_where_it_spoke():
    from qa.setting_check import _aside_setting

    text = ("Treasurer Mira Holm, pictured during a visit to the Grand Arsenal in May, made the remarks at a session "
            "of the Danish parliament on Tuesday.")
    assert _aside_setting(text, ["the Grand Arsenal"])  # hangs from "pictured", not from "made"
    assert not _aside_setting(text, ["Danish parliament"])  # where the remarks were made


def test_a_group_adjective_after_a_preposition_names_the_body_and_an_owner_is_no_setting():
    from qa.setting_check import _named_body, _owner
    from qa.parse import question_doc

    q = "How many teachers did Holm say to the Danish parliament would lose their posts?"
    doc, qf = question_doc(q), question_frame(q)
    danish = next(e for e in qf.entities if e.text == "Danish")
    assert _named_body(doc, danish) == "Danish parliament"  # not any sentence about the Danes
    q = "How many Danish teachers did Holm say would lose their posts?"
    doc, qf = question_doc(q), question_frame(q)
    assert _named_body(doc, next(e for e in qf.entities if e.text == "Danish")) == "Danish"  # not after a preposition
    q = "In the Ostra Courier's account, how many schools will close?"
    doc, qf = question_doc(q), question_frame(q)
    courier = next(e for e in qf.entities if "Courier" in e.text)
    assert _owner(doc, courier.start, courier.end)  # whose account: not where anyone spoke


def test_a_figure_the_source_gave_elsewhere_does_not_answer(engine_over):
    engine = engine_over({"council.txt": COUNCIL})
    out = engine.ask("How many schools did Mira Holm say to the Danish parliament would close?")
    assert not out.answerable and out.refusal["code"] == Refusal.STATEMENT_ELSEWHERE.value
    told = engine.ask("How many schools did Mira Holm say to the Ostra Courier would close?")
    assert told.answerable and "40" in (told.short_answer or "")
    out = engine.ask("What did Mira Holm say at the Grand Arsenal?")  # an aside: not where she spoke
    assert not out.answerable and out.refusal["code"] == Refusal.STATEMENT_ELSEWHERE.value
