"""News-question rules of the answer core on an invented article (nothing from the seeds or the
benchmarks), with the real embedding model and spaCy pipeline: one rule per test."""
from __future__ import annotations

import pytest

from qa.frames import FigureFrame, FigureKind
from qa.select import same_unit, superseded

BRIDGE = """Kessling harbour bridge reopens after repairs

The Kessling harbour bridge reopened on Friday after 14 years of closure, city officials said.
The crossing toll was cut from 6 euros to 4 euros, the transport office said on Friday.
Film actor Dana Whitlow was seen cycling across the bridge on its first morning.
Retired engineer Paulo Brandt, who designed the first bridge, cut the ribbon at the age of 81.
Judge Ilse Marten ruled last year that the long closure had been lawful.
The Ohio company that repaired the bridge opened a new depot in Lisbon on Monday.
"""


@pytest.fixture(scope="module")
def engine(engine_over):
    return engine_over({"bridge.txt": BRIDGE})


def _fig(text: str, start: int, end: int) -> FigureFrame:
    return FigureFrame(text, start, end, None, None, FigureKind.MEASUREMENT)


def test_same_unit_matches_singular_and_plural():
    assert same_unit("year", "years") and same_unit("century", "centuries") and same_unit("second", "seconds")


def test_same_unit_keeps_short_units_apart():
    assert not same_unit("m", "mm") and not same_unit("year", None) and not same_unit("minute", "miles")


def test_from_value_is_superseded_by_to_value():
    text = "Rents rose from 900 euros to 1,100 euros."
    old, new = _fig("900", 15, 18), _fig("1,100", 29, 34)

    class Frame:
        figures = (old, new)

    assert superseded(text, old, Frame) and not superseded(text, new, Frame)


def test_how_many_years_is_answered_by_a_duration(engine):
    ans = engine.ask("The harbour bridge reopened after how many years?")
    assert ans.answerable and ans.short_answer.startswith("14")


def test_change_from_to_heads_with_the_new_value(engine):
    ans = engine.ask("The crossing toll was cut to how many euros?")
    assert ans.answerable and ans.short_answer.startswith("4")


def test_role_noun_need_not_stand_next_to_the_name(engine):
    ans = engine.ask("Which movie star was seen cycling across the bridge?")
    assert ans.answerable and ans.short_answer == "Dana Whitlow"


def test_title_noun_must_stand_next_to_the_name(engine):
    ans = engine.ask("Which general was seen cycling across the bridge?")
    assert ans.short_answer != "Dana Whitlow"


def test_the_asking_sentence_sets_the_answer_type():
    from qa.parse import asking_part, question_frame

    q = "Voters argued this week over who should lead the council. Which party won the vote?"
    assert asking_part(q) == "Which party won the vote?"
    assert question_frame(q).answer_type.value == "org" and question_frame(q).type_word == "party"


def test_an_entity_that_modifies_a_noun_is_marked():
    from qa.nlp import pipeline
    from qa.parse import evidence_frame

    ents = {e.text: e.modifier for e in evidence_frame(pipeline()("The Ohio firm opened a plant in Lisbon.")).entities}
    assert ents == {"Ohio": True, "Lisbon": False}


def test_where_is_answered_by_a_place_argument_not_a_modifier(engine):
    ans = engine.ask("Where did the company that repaired the bridge open a new depot?")
    assert ans.answerable and ans.short_answer == "Lisbon"
