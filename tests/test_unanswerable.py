"""Causes of unanswerable questions answered (session 13, issue 10), one general rule per test, on invented
text (nothing from the seeds or the benchmarks)."""
from __future__ import annotations

from qa.parse import question_doc, question_frame

PORT = """Port strike in Velmar

Harbour master Irene Castell said on Monday that 40 cranes stood idle at the port of Velmar.
Dockworkers told the Coastal Herald they would stay away until the pay dispute was settled.
The Velmar Shipping Guild estimated that 12 ships were waiting outside the harbour.
"""


# --- 1. the named source of a statement or figure that the parser reads as a modifier ------------------
def test_named_subject_between_do_and_a_reporting_verb():
    from qa.question_names import aux_subject

    found = aux_subject(question_doc("What did Voice of Lagos report about the strike?"))
    assert found is not None and found[0].text == "Voice of Lagos" and found[1].lower_ == "report"
    found = aux_subject(question_doc("How many ships did the Eastern Farmers Guild report?"))
    assert found is not None and "Farmers Guild" in found[0].text
    assert aux_subject(question_doc("What did the report say about the strike?")) is None  # no name


def test_statement_by_a_source_the_parser_reads_as_a_modifier_is_checked():
    qf = question_frame("What did Voice of Lagos report about the strike?")
    assert qf.source == "Voice of Lagos" and qf.asks_statement


def test_statement_by_an_outlet_that_only_carries_an_interview_is_refused(engine_over):
    from qa.frames import Refusal

    engine = engine_over({"port.txt": PORT})
    out = engine.ask("What did the Coastal Herald report about the cranes?")
    assert not out.answerable and out.refusal["code"] == Refusal.NO_STATEMENT.value
    said = engine.ask("What did Irene Castell say about the cranes?")
    assert said.answerable and "40 cranes" in said.answer


def test_a_descriptive_source_of_a_figure_is_read_only_from_the_parse():
    from qa.question_names import aux_subject

    doc = question_doc("How many ships did the Velmar harbour workers report?")
    assert aux_subject(doc)[0].text == "Velmar harbour workers"
    assert aux_subject(doc, strict=True) is None  # "harbour workers": not a run of proper nouns
    assert aux_subject(question_doc("How many ships did Acme report?"), strict=True)[0].text == "Acme"

