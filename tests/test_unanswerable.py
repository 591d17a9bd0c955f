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


# --- 2. "Who is X's <role>" when no passage uses the role: any person found holds another role ----------
def test_a_role_no_passage_uses_is_refused(engine_over):
    from qa.frames import Refusal

    engine = engine_over({"port.txt": PORT})
    out = engine.ask("Who is Velmar's finance minister?")
    assert not out.answerable and out.refusal["code"] == Refusal.OTHER_ROLE.value
    assert "minister" in out.answer


def test_a_role_outside_the_passages_is_read_from_the_articles():
    from qa.config import Config
    from qa.constraints import check_role, role_modifiers

    doc = question_doc("Who is Velmar's transport minister?")
    assert role_modifiers(doc) == ("transport",)
    other = ["Later, Freedonia's Transport Minister Olaf Brandt left.", "Velmar's Finance Minister Ada Roy stayed."]
    refused = check_role(doc, [], Config(), corpus=other)  # the finance minister is another role
    assert refused is not None and "Freedonia's Transport Minister" in refused.available
    assert check_role(doc, [], Config(), corpus=["The town's transport minister, Ada Roy, stayed."]) is None
    assert check_role(doc, [], Config(), corpus=["Velmar's Transport Minister Ada Roy stayed."]) is None


# --- 3. a question about money is answered by a sum, not by another measurement ------------------------
BRIDGE = """Footbridge opens in Marrow

The new footbridge over the Lowfield canal cost €2 million, the council said.
The harbour crane lifts 300 mm steel pipes from the barges onto the quay.
"""


def test_what_did_x_cost_asks_a_sum():
    from qa.frames import AnswerType

    assert question_frame("What did the new footbridge cost?").answer_type is AnswerType.QUANTITY
    assert question_frame("What did the mayor say about the cost?").answer_type is AnswerType.OTHER


def test_a_money_question_is_not_answered_by_a_length(engine_over):
    from qa.frames import Refusal

    engine = engine_over({"bridge.txt": BRIDGE})
    paid = engine.ask("What did the new footbridge cost?")
    assert paid.answerable and "2 million" in paid.short_answer
    crane = engine_over({"crane.txt": BRIDGE.replace("cost €2 million", "is 40 metres long")})
    pipes = crane.ask("How much did the steel pipes cost?")  # only lengths: 300 mm, 40 metres
    assert not pipes.answerable and pipes.refusal["code"] == Refusal.NO_FIGURE.value


# --- 4. "What did X tell Y": Y must be where X spoke, not where someone else in the sentence did ---------
REPAIRS = """Repairs at the Velmar harbour

Mayor Ana Ruiz said the repairs to the harbour wall would take a year.
The wall was built in 1902 and last rebuilt after the storm of 1987.
Fishing boats have moored in the outer basin since the spring.
Ana Ruiz did not offer further details, but her figure echoed an interview harbour chief Tom Eze gave to Radio Velmar last week.
"""


def test_a_setting_that_is_another_persons_is_not_the_sources(engine_over):
    from qa.frames import Refusal

    engine = engine_over({"repairs.txt": REPAIRS})
    out = engine.ask("What did Ana Ruiz tell Radio Velmar about the repairs?")
    assert not out.answerable and out.refusal["code"] == Refusal.STATEMENT_ELSEWHERE.value
    told = engine_over({"repairs.txt": REPAIRS.replace("an interview harbour chief Tom Eze gave", "an interview she gave")})
    assert told.ask("What did Ana Ruiz tell Radio Velmar about the repairs?").answerable
