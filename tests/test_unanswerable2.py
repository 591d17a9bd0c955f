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
