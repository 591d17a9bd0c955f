"""Lists, statement continuations, counted type nouns, date units and compound short answers, on an
invented corpus (a river flood and a chess final; nothing from the seeds), with the real embedding
model and spaCy pipeline: one rule per test."""
from __future__ import annotations

import pytest

from qa.parse import question_frame
from qa.frames import AnswerType
from qa.date_units import date_fits

FLOOD = """Floods close the Ostbrook valley

The Ostbrook river burst its banks on Tuesday, flooding farms across the lower valley.
Governor Ilse Marten announced an emergency fund for the valley farmers on Wednesday.
She also promised new levees along the river before next spring.
The regional weather office said rain would continue until Friday.
The Harlow Fire Service said its crews evacuated 240 residents from the village of Penmoor.
Photo: a tractor stands in brown water near Penmoor. (Rene Vos/Field Press)
The Harlow Fire Service added that two bridges had been closed to traffic.
Police said 12 drivers were injured on the flooded roads near Penmoor.
The Nordia Herald and the Valley Courier both reported that the old dam had held.
"""

CHESS = """Chess final ends in a draw

The world chess final in Caldera ended on 12 March after fourteen games.
Hours before the last game, the organisers moved the match to a larger hall.
The organisers said on Friday that the match would move to a larger hall.
Grandmaster Pavel Ruska offered a draw after forty moves.
Arbiter Noor Haddad said the result would stand.
After the final, Viktor Sokolov approved a new prize fund for the federation's junior players.
"""


@pytest.fixture(scope="module")
def engine(engine_over):
    return engine_over({"flood.txt": FLOOD, "chess.txt": CHESS})


def test_number_between_wh_word_and_type_noun_makes_a_typed_list():
    qf = question_frame("Which two regional newspapers reported that the old dam had held?")
    assert qf.type_word == "newspaper" and qf.answer_type is AnswerType.ORG and qf.wants_list
    qf = question_frame("What three things did the governor promise?")
    assert qf.type_word == "thing" and qf.wants_list


def test_possessive_owner_is_not_a_place_constraint():
    qf = question_frame("In the Herald's account, how many residents were evacuated?")
    assert qf.places == ()
    qf = question_frame("How many residents were evacuated in Penmoor's lower district?")
    assert qf.places  # a possessive on a place noun still names a place


def test_statement_answer_includes_the_pronoun_continuation(engine):
    ans = engine.ask("What did Governor Ilse Marten announce on Wednesday?")
    assert ans.answerable
    assert "emergency fund" in ans.answer and "new levees" in ans.answer
    # the short answer is the statement with its continuation, both cited
    assert "emergency fund" in ans.short_answer and "new levees" in ans.short_answer


def test_continuation_by_the_same_speaker_past_a_photo_caption(engine):
    ans = engine.ask("What did the Harlow Fire Service say about the village of Penmoor?")
    assert ans.answerable
    assert "240" in ans.answer and "two bridges" in ans.answer
    assert all("tractor" not in c.quote for c in ans.citations)


def test_date_span_of_the_asked_unit(engine, span_text):
    ans = engine.ask("On which day did the organisers move the match to a larger hall?")
    assert ans.answerable and ans.short_answer == "Friday" and span_text(ans) == "Friday"
    ans = engine.ask("In which month did the world chess final in Caldera end?")
    assert ans.answerable and "March" in ans.short_answer


def test_date_fits_the_named_unit():
    assert date_fits("day", "Thursday") and date_fits("day", "Nov. 15") and not date_fits("day", "Hours")
    assert date_fits("month", "June") and not date_fits("month", "earlier this year")
    assert date_fits("year", "in 2019") and not date_fits("year", "last spring")
    assert date_fits(None, "earlier this year")


def test_who_said_a_pronoun_quote_is_the_speaker_named_before(engine, span_text):
    ans = engine.ask("Who promised new levees along the river?")
    assert ans.answerable and "Marten" in ans.short_answer and "Marten" in span_text(ans)


def test_compound_short_answer_joins_both_parts(engine):
    ans = engine.ask("When did the Ostbrook river burst its banks, and who announced an emergency fund?")
    assert ans.answerable
    assert "Tuesday" in ans.short_answer and "Marten" in ans.short_answer


def test_which_leader_needs_no_written_title(engine, span_text):
    ans = engine.ask("Which federation leader approved a new prize fund for junior players?")
    assert ans.answerable and "Sokolov" in ans.short_answer and "Sokolov" in span_text(ans)


def test_source_between_do_and_a_reporting_verb():
    assert question_frame("How many tickets does the Tanner Institute estimate were sold?").source == "Tanner Institute"
    assert question_frame("What casualty figures did Brixham report for the region?").source == "Brixham"


def test_figure_from_another_source_is_refused_with_the_constraint(engine):
    ans = engine.ask("How many residents did the Nordia Herald report were evacuated from Penmoor?")
    assert ans.answerable is False
    assert ans.refusal_code == "constraint_unmet" and ans.refusal["missing"] == ["Nordia Herald"]


def test_casualty_figure_does_not_answer_another_event(engine):
    ans = engine.ask("How many drivers did police say were evacuated from the flooded roads?")
    assert ans.answerable is False and ans.refusal_code == "no_figure"
    ans = engine.ask("How many drivers did police say were injured on the flooded roads?")
    assert ans.answerable and ans.short_answer == "12"


def test_what_each_named_actor_said_gathers_a_statement_of_each(engine):
    ans = engine.ask("What did Governor Ilse Marten and the Harlow Fire Service each announce?")
    assert ans.answerable
    assert "Marten" in ans.short_answer and "Harlow Fire Service" in ans.short_answer
    # asked of each actor (qa.parts): the short answer is "actor: statement" per part, and every sentence
    # of each part's statement is quoted and cited in the answer
    assert [p.label for p in ans.parts] == ["Governor Ilse Marten", "the Harlow Fire Service"]
    for part in ans.parts:
        assert f"{part.label}: {part.short_answer}" in ans.short_answer
        quotes = [c.quote for c in ans.citations]
        assert any(part.short_answer.startswith(q) for q in quotes) and part.short_answer.split(". ")[0] in ans.answer
