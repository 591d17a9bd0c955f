"""Evidence of answerability (session 12 round 2): a statement's setting, a role's owner, whole-phrase
coverage and misspelt words, on invented articles (nothing from the seeds), with the real models."""
from __future__ import annotations

import pytest

from qa.constraints import asked_role, title_phrases
from qa.coverage import phrase_credited, question_phrases
from qa.frames import Refusal
from qa.parse import question_doc

SUMMIT = """Harbour summit in Loria ends without deal

Mayor Irene Castell spoke at the Coastal Cities Forum in Loria on Friday.
"Our harbour cannot wait another decade," Castell said at the forum.
Freedonia's Transport Minister Olaf Brandt said the new breakwater would cost 40 million euros.
Velmar's Port Director Ana Ruiz told reporters the veteran dockworkers had kept the cranes running.
The fishing fleet of Velmar was praised by visiting delegates.
"""

MANIFEST = """[articles."summit.txt"]
title = "Harbour summit in Loria ends without deal"
date = "2023-03"
"""


@pytest.fixture(scope="module")
def engine(engine_over):
    return engine_over({"summit.txt": SUMMIT, "articles.toml": MANIFEST})


def test_a_statement_in_the_named_setting_answers(engine):
    ans = engine.ask("What did Irene Castell say at the Coastal Cities Forum?")
    assert ans.answerable and ans.refusal is None  # the forum is named around her statement


def test_a_statement_in_another_setting_is_refused(engine):
    # the Coastal Cities Forum is in the articles, but Brandt is never quoted at it
    ans = engine.ask("What did Olaf Brandt say at the Coastal Cities Forum?")
    assert not ans.answerable and ans.refusal_code == Refusal.STATEMENT_ELSEWHERE.value
    assert "the Coastal Cities Forum" in ans.refusal["missing"]


def test_asked_role_reads_the_role_and_its_owners():
    assert asked_role(question_doc("Who is Freedonia's transport minister?")) == ("minister", ("Freedonia",))
    assert asked_role(question_doc("What did Freedonia's minister say?")) is None
    # where the holder sits is not whose role it is
    assert asked_role(question_doc("Who is Freedonia's ambassador in Loria?")) == ("ambassador", ("Freedonia",))


def test_title_phrases_take_the_capitalised_words_around_the_role():
    text = "Later, Freedonia's Transport Minister Olaf Brandt and the Ambassador to Velmar left."
    assert title_phrases(text, "minister") == ["Freedonia's Transport Minister"]
    assert title_phrases(text, "ambassador") == ["Ambassador to Velmar"]


def test_a_role_held_only_for_another_owner_is_refused(engine):
    ans = engine.ask("Who is Velmar's transport minister?")
    assert not ans.answerable and ans.refusal_code == Refusal.OTHER_ROLE.value


def test_a_role_with_its_owner_answers(engine):
    ans = engine.ask("Who is Freedonia's transport minister?")
    assert ans.answerable and "Brandt" in (ans.short_answer or ans.answer)


def test_a_misspelt_question_word_is_corrected_before_the_search(engine):
    ans = engine.ask("breakwatter cost")
    assert ans.query and "breakwater" in ans.query


class _Frame:
    def __init__(self, *chunks: str) -> None:
        from qa.frames import Span

        self.nouns = tuple(Span(c, 0, len(c)) for c in chunks)


def test_question_phrases_hold_the_uncovered_words():
    doc = question_doc("Which mayor was photographed at an unnamed location near the harbour?")
    assert question_phrases(doc, ["unnamed"]) == {"unnamed location": ["unnamed"]}


def test_an_uncovered_word_is_credited_by_a_phrase_that_says_the_same(engine):
    doc = question_doc("Which mayor was photographed at an unnamed location near the harbour?")
    same = phrase_credited(doc, ["unnamed"], [_Frame("an undisclosed location")], engine.words, 0.8)
    other = phrase_credited(doc, ["unnamed"], [_Frame("the veteran dockworkers")], engine.words, 0.8)
    assert same == {"unnamed"} and other == set()


DATES = """Velmar ferry line reopens

The ferry line between Velmar and Loria reopened in May after a two-year closure.
The first ship, the Aster, sailed on May 14 with 300 passengers.
The Loria ferry company was founded in 1998 and has run the line for 25 years.
"""


@pytest.fixture(scope="module")
def ferry(engine_over):
    return engine_over({"ferry.txt": DATES})


def test_date_unit_reads_the_finest_calendar_unit():
    from qa.date_units import date_unit

    assert [date_unit(t) for t in ("May 14", "Thursday", "May", "1998", "25 years")] == [3, 3, 2, 1, 0]


def test_a_finer_date_inside_the_asked_month_answers(ferry):
    ans = ferry.ask("On what date in May did the first ship sail?")
    assert ans.answerable and "May 14" in ans.answer


def test_only_the_asked_time_again_is_no_answer(ferry):
    ans = ferry.ask("On what day in 1998 was the Loria ferry company founded?")
    assert not ans.answerable and ans.refusal_code == Refusal.NO_TYPED_ANSWER.value


TOPIC = """Loria council votes on ferry fares

Councillor Mira Osk said the ferry fares would rise by ten percent in June.
She added that the harbour dredging would be paid for by the port.
Transport chief Ivo Lant said the new timetable starts on Monday.
The dredging contract went to a firm from Velmar.
"""


@pytest.fixture(scope="module")
def council(engine_over):
    return engine_over({"council.txt": TOPIC})


def test_a_topic_in_the_continued_statement_answers(council):
    ans = council.ask("What did Mira Osk say about the harbour dredging?")
    assert ans.answerable and ans.refusal is None  # "She added that ... dredging ...": her statement


def test_a_topic_only_next_to_the_statement_is_refused(council):
    # the dredging contract is the sentence after Lant's, but he does not speak of it
    ans = council.ask("What did Ivo Lant say about the dredging contract?")
    assert not ans.answerable and ans.refusal_code == Refusal.OFF_TOPIC_STATEMENT.value


def test_the_loose_topic_context_would_answer_it(council):
    from qa.config import Config
    from qa.engine import Engine

    loose = Engine(council.store_path, config=Config().with_(statement_topic_strict=False))
    assert loose.ask("What did Ivo Lant say about the dredging contract?").answerable
