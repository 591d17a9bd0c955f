"""Compound questions (qa.compound): split, made to stand alone, answered part by part, joined with
citations renumbered. Invented text only."""
from __future__ import annotations

import pytest



def _split(q):
    from qa.compound import split_compound
    from qa.parse import question_doc

    return split_compound(question_doc(q))


def test_two_wh_clauses_are_split_and_the_pronoun_takes_the_first_subject():
    c = _split("What did Mayor Lena Dorn say about the tunnel, and what has she promised the drivers?")
    assert c.first == "What did Mayor Lena Dorn say about the tunnel?"
    assert c.second == "What has Mayor Lena Dorn promised the drivers?"


def test_a_leading_source_is_carried_to_the_second_part():
    c = _split("According to the auditor, where will the funds go and how often will they be checked?")
    assert c.first == "According to the auditor, where will the funds go?"
    assert c.second == "According to the auditor, how often will the funds be checked?"


def test_a_wh_subject_becomes_definite():
    c = _split("Which ferry company is buying new boats, and how many seats will it have?")
    assert c.second == "How many seats will the ferry company have?"


@pytest.mark.parametrize("q", ["What did the mayor say about taxes and schools?", "Who and why?",
                               "How many ferries and buses does the city run?"])
def test_one_question_is_not_split(q):
    assert _split(q) is None


def test_a_compound_question_cites_both_answers(engine_over):
    from qa.config import Config

    eng = engine_over({
        "tunnel.txt": "Tunnel works delayed\n\nMayor Lena Dorn said the harbour tunnel would open in 2031.\n"
                      "The contractor blamed flooding in the eastern shaft.\n",
        "buses.txt": "Night buses for drivers\n\nMayor Lena Dorn has promised free night buses to drivers "
                     "stuck by the closure.\nThe transport office will publish a timetable.\n",
    })
    q = "When did Mayor Lena Dorn say the harbour tunnel would open, and what has she promised to drivers?"
    ans = eng.ask(q)
    assert ans.answerable and "2031" in ans.answer and "free night buses" in ans.answer
    assert {c.doc_id for c in ans.citations} >= {c.doc_id for c in eng.ask("What did Mayor Lena Dorn promise drivers?").citations}
    whole = type(eng)(eng.store_path, config=Config().with_(split_compound=False)).ask(q)
    assert not ("2031" in whole.answer and "free night buses" in whole.answer)  # one search finds one part
