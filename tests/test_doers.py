"""The doer of the question's verb as the short answer (qa.doers, qa.spans.spans_in): the agent of a
passive, the subject through a relative pronoun or a complement verb. Invented text only."""
from __future__ import annotations

from dataclasses import replace

from qa.config import SPANS
from qa.doers import asked_doer, doers
from qa.nlp import pipeline
from qa.parse import evidence_frame, question_frame
from qa.spans import spans_in


def _doers(question: str, text: str) -> list[str]:
    asked = asked_doer(question)
    assert asked is not None
    return [text[a:b] for a, b in doers(text, asked)]


def _spans(question: str, text: str, **cfg) -> list[str]:
    sc = replace(SPANS, **cfg)
    return [s.text for s in spans_in(question_frame(question), evidence_frame(pipeline()(text), "s"), sc)]


def test_subject_questions_name_their_verbs_and_objects():
    asked = asked_doer("Which firm built the new bridge?")
    assert asked is not None and "build" in asked.verbs and "bridge" in asked.objects
    asked = asked_doer("Who, according to the harbour police, is preparing to repair the pier?")
    assert asked is not None and "repair" in asked.verbs and "accord" not in asked.verbs


def test_no_doer_question_for_statements_copulas_and_plain_objects():
    assert asked_doer("Who said the talks had failed?") is None  # its speaker, not a doer of "fail"
    assert asked_doer("Who is the mayor of Brenna?") is None
    assert asked_doer("Who did Ana Costa meet on Friday?") is None
    assert asked_doer("When did the ferry sink?") is None


def test_agent_of_a_passive_participle():
    text = "In this photo provided by the regional water board, workers inspect the dam near Ostrava."
    assert _doers("Who provided the photo of the dam?", text) == ["regional water board"]


def test_subject_of_the_verb_whose_object_the_question_names():
    text = "The coast guard said it had seen signs that Marlow Shipping was planning to build two ferries."
    assert _doers("Who is getting ready to make ferries, according to the coast guard?", text) == ["Marlow Shipping"]


def test_subject_through_a_relative_pronoun_for_an_object_question():
    question = "Whom did the union accuse of raising prices again?"
    text = "“It has been Corvo Foods that raised prices again,” the union's spokeswoman Lena Brandt said."
    assert _doers(question, text) == ["Corvo Foods"]


def test_a_thing_does_not_answer_who():
    text = "The plan that built the bridge was drawn up by engineers."
    assert _doers("Who built the bridge?", text) == []


def test_the_doer_ranks_before_other_names_of_the_type():
    text = "In this photo provided by the regional water board, Mayor Ana Costa visits the dam near Ostrava."
    question = "Who provided the photo of the dam that the Daily Courier ran?"
    assert _spans(question, text)[0] == "regional water board"
    assert _spans(question, text, doer_first=False)[0] != "regional water board"


def test_the_question_own_names_are_never_the_doer():
    text = "The bridge was built by Halden Works, the ministry said."
    assert "Halden Works" not in _spans("Which company did Halden Works hire after it built the bridge?", text)
