"""Why-questions: the short answer is the reason or purpose clause of the cited sentence
(qa.clauses.reason_clause, kept in each sentence's evidence frame). Invented text only."""
from __future__ import annotations

import pytest


def _reason(text):
    from qa.parse import evidence_frame
    from qa.nlp import pipeline

    r = evidence_frame(pipeline()(text)).reason
    return None if r is None else text[r[0]:r[1]]


@pytest.mark.parametrize("text, clause", [
    ("The council closed the bridge because the cables had rusted, officials said.",
     "because the cables had rusted"),
    ("The match was postponed due to heavy snow in the valley.", "due to heavy snow in the valley"),
    ("The firm is hiring 200 engineers to expand its battery plant in Lund.", "to expand its battery plant in Lund"),
    ("The board is likely leasing the old ferry terminal, in part to offset Nordic port safety requirements, "
     "according to the union.", "in part to offset Nordic port safety requirements"),
])
def test_the_reason_or_purpose_clause_is_found(text, clause):
    assert _reason(text) == clause


@pytest.mark.parametrize("text", [
    "The mayor wants to build a new school.",  # the object of "want", not a purpose
    "The board gave permission for the pier to be rebuilt in May.",  # "for X to ...": X's, not a purpose
    "The library opened on Monday.",
])
def test_no_reason_clause(text):
    assert _reason(text) is None


def test_a_why_question_is_answered_by_the_reason_clause(engine_over):
    eng = engine_over({"bridge.txt": "Harbour bridge shut\n\nThe Velm council closed the harbour bridge on Monday "
                                     "because its steel cables had rusted, engineers said.\n"
                                     "Ferries will carry commuters until repairs end.\n"})
    ans = eng.ask("Why did the Velm council close the harbour bridge?")
    assert ans.answerable and ans.short_answer == "because its steel cables had rusted"
    span = ans.short_answer_span
    assert ans.citations[span["citation"] - 1].quote[span["start"]:span["end"]] == ans.short_answer


def test_the_reason_may_come_from_a_cited_sentence_below_the_first(engine_over):
    eng = engine_over({"yard.txt": "Shipyard hires welders\n\nThe Brask shipyard said on Monday it was sending "
                                   "new welders to its dry docks, its director Ada Lunde said.\n"
                                   "Lunde said the shipyard's welders are going to the dry docks to replace workers who retired this year.\n"
                                   "The yard builds ferries for the Nordic coast.\n"})
    ans = eng.ask("Why is the Brask shipyard sending welders to its dry docks?")
    assert ans.answerable and ans.short_answer.startswith("to replace workers who retired")
