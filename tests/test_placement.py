"""qa.figures.place_figures / counts_same and qa.attribution on invented text (not from seeds/):
what a figure counts and its unit come from the parse, labels are not figures, one attribution rule."""
from __future__ import annotations

import pytest

from qa.attribution import find_speaker, speaker_of
from qa.figures import counted_family, counts_same, place_figures
from qa.frames import FigureKind
from qa.nlp import pipeline


def placed(sentence: str) -> list[tuple[str, str | None, str | None]]:
    return [(p.quantity.text, p.counted, p.unit) for p in place_figures(pipeline()(sentence))]


# --- what a count counts: the noun the number modifies, by the parse ---------------------------------
@pytest.mark.parametrize("sentence, text, counted", [
    ("Officials said 2,500 nurses went on strike.", "2,500", "nurse"),  # nummod
    ("The port hired 12,000 Dutch dockworkers last year.", "12,000", "dockworker"),  # through a named group
    ("About 600 of the volunteers returned home.", "About 600", "volunteer"),  # "N of the X"
    ("The storm left 40 firefighters injured and 3 dead.", "40", "firefighter"),
    ("The storm left 40 firefighters injured and 3 dead.", "3", "dead"),  # an adjective standing for the noun
    ("The clinic reported about 80 dead and another 300 wounded.", "300", "wound"),  # a participle
    ("They formed a 3,000-person relief unit.", "3,000", "person"),  # a compound
    ("The museum counted 4,200 visitors, a record.", "4,200", "visitor"),
    ("Airlines reported more than 3,100 canceled on Sunday.", "more than 3,100", None),  # an event, not a noun
])
def test_counted_noun_comes_from_the_parse(sentence, text, counted):
    assert (text, counted, None) in placed(sentence)


@pytest.mark.parametrize("sentence, text, unit", [
    ("The press uses 170mm rollers.", "170", "mm"),
    ("The convoy drove 40 km north.", "40", "km"),
    ("The firm paid $3 million in fines.", "$3 million", "dollars"),
    ("Prices rose 5% in March.", "5", "percent"),
    ("The lease runs for two years.", "two", "years"),
])
def test_measurement_unit(sentence, text, unit):
    got = [(p.quantity.text, p.unit, p.kind) for p in place_figures(pipeline()(sentence))]
    assert (text, unit, FigureKind.MEASUREMENT) in got


@pytest.mark.parametrize("sentence, figures", [
    ("Flight 370 carried 239 passengers.", ["239"]),  # a number after the capitalised noun it names
    ("Task Force 51 sailed with 2,000 sailors.", ["2,000"]),  # inside a name entity
    ("Gate 4 had 300 passengers waiting.", ["300"]),
    ("The 3rd Battalion lost 12 trucks.", ["12"]),  # an ordinal
    ("The 11th Street market sold 900 pies.", ["900"]),
])
def test_labels_and_ordinals_are_not_figures(sentence, figures):
    assert [t for t, _, _ in placed(sentence)] == figures


@pytest.mark.parametrize("sentence, figures", [
    ("Maryland 22,357, Delaware 4,120", ["22,357", "4,120"]),  # after a place name: a value in a table
    ("Ana Ortiz, 62, runs the bakery.", ["62"]),  # after a comma: an age, not a label
    ("Number of stores: 490", ["490"]),
])
def test_values_after_names_stay_figures(sentence, figures):
    assert [t for t, _, _ in placed(sentence)] == figures


def test_counts_are_not_measurements():
    (p,) = place_figures(pipeline()("Officials said 2,500 nurses went on strike."))
    assert p.kind is FigureKind.COUNT and p.unit is None


# --- one comparison of counted nouns -------------------------------------------------------------------
@pytest.mark.parametrize("a, b, same", [
    ("nurse", "nurses", True),
    ("worker", "dockworker", True),  # a compound of it
    ("dead", "killed", True),  # qa.lexicon.COUNT_GROUPS
    ("casualty", "wounded", True),
    ("nurse", "vehicle", False),
    ("pie", "visitor", False),
])
def test_counts_same_without_word_vectors(a, b, same):
    assert counts_same(a, [b]) is same


def test_counted_family_is_symmetric_on_plurals():
    assert "nurses" in counted_family("nurse") and "nurse" in counted_family("nurses")


def test_counts_same_with_word_vectors(engine):
    assert counts_same("soldier", ["troop"], engine.words)  # a synonym no list names
    assert not counts_same("civilian", ["tank"], engine.words)


# --- attribution: one rule, from the parse ---------------------------------------------------------------
@pytest.mark.parametrize("sentence, speaker", [
    ("Local health officials warned that 200 people could fall ill.", "Local health officials"),
    ("“We will rebuild the bridge,” Mayor Ana Ortiz said on Monday.", "Mayor Ana Ortiz"),
    ("Acme Corp told investors that sales fell 4%.", "Acme Corp"),
    ("The outage lasted 3 hours, according to the city's water utility.", "city's water utility"),
    ("The regulator, which reported record fines last year, declined to comment.", "regulator"),
    ("The miners are said to have left the site.", None),  # passive: no source named
    ("The bridge reopened on Tuesday.", None),
    ("He said the plant would close in May.", None),  # a pronoun: resolved by the reader, not here
])
def test_find_speaker(sentence, speaker):
    assert find_speaker(sentence) == speaker


def test_pronoun_speaker_is_marked_for_the_reader():
    span, pronoun = speaker_of(pipeline()("He said the plant would close in May."))
    assert span is not None and span.text == "He" and pronoun
