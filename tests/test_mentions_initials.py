"""Names written as initials (qa.names.initialism, names_initials; qa.reader.mentions, same_name) on invented
text: the same capitals with or without dots, the words the initials stand for, never the pronoun "us"."""
from __future__ import annotations

import pytest

from qa.names import initialism, names_initials, same_name
from qa.reader import mentions


@pytest.mark.parametrize("name, letters", [
    ("U.S.", "us"), ("the EU", "eu"), ("UK's", "uk"), ("N.A.T.O.", "nato"), ("NATO", "nato"), ("the us", "us"),
    ("Ohio", ""), ("Xi", ""), ("Mr Li", ""), ("A", ""), ("United Kingdom", ""),
])
def test_initialism(name, letters):
    assert initialism(name) == letters


@pytest.mark.parametrize("text, name", [
    ("Egg prices rose across the U.S. last month.", "US"),
    ("Egg prices rose across the US last month.", "the U.S."),
    ("The E.U. fined the shipping firm.", "EU"),
    ("Ministers said the N.A.T.O. summit was tense.", "NATO"),
    ("Loan rates in the UK's north rose.", "the UK"),
])
def test_the_same_capitals_with_or_without_dots(text, name):
    assert mentions(text, name)


@pytest.mark.parametrize("text, name", [
    ("The United Kingdom raised its bank rate again.", "UK"),
    ("Leaders of the European Union met in Brussels.", "the EU"),
    ("Across United Kingdom towns, rents rose.", "UK"),  # a sentence's first word may lead the run
    ("The North Atlantic Treaty Organization met.", "NATO"),
    ("The World Health Organization said cases rose.", "WHO"),
])
def test_initials_are_named_by_the_words_they_stand_for(text, name):
    assert mentions(text, name)


def test_words_are_named_by_their_capitals():
    assert mentions("Officials in the U.S. said so.", "United States")
    assert not mentions("Officials told us so.", "United States")
    assert same_name("UK", "United Kingdom") and same_name("the U.S.", "US")


@pytest.mark.parametrize("text, name", [
    ("The grocer told us that prices rose.", "U.S."),
    ("The grocer told us that prices rose.", "us"),
    ("Those who left early missed the vote.", "WHO"),  # three capitals are named only in capitals
    ("Egg prices rose across the EU last month.", "UK"),
    ("The united front said it would stay.", "US"),  # lower-case words are no run of capitals
])
def test_pronouns_and_other_initials_do_not_count(text, name):
    assert not mentions(text, name)


def test_longer_initials_keep_the_word_rule():
    assert mentions("Nato allies met on Friday.", "NATO")  # written as a word
    assert same_name("NATO", "NATO allies")
    assert same_name("the ISW", "The US-based ISW think tank")  # the same capitals as a word of the other
    assert not same_name("US", "The US-based ISW think tank")  # a modifier is not the name
    assert not same_name("US", "U.S. State Department")  # two letters are no word to compare
    assert same_name("the ISW", "the isw")  # two names (no pronoun among them): the same word
    assert not same_name("US", "UK")


def test_short_names_in_words():
    assert mentions("Xi Jinping spoke on Monday.", "Xi")
    assert not mentions("Hu Jintao spoke on Monday.", "Xi")
    assert not mentions("He spoke on Monday.", "he")  # not a capitalised name


def test_ordinary_names_keep_the_word_rule():
    assert mentions("Egg prices rose in Ohio last month.", "Ohio")
    assert not mentions("Egg prices rose in Texas last month.", "Ohio")


def test_names_initials_without_runs():
    assert names_initials("Rates in the U.K. rose.", "uk", runs=False)
    assert not names_initials("Rates in the United Kingdom rose.", "uk", runs=False)
    assert not names_initials("Rates rose.", "")


def test_names_initials_of_a_stretch_of_a_run():
    assert names_initials("Who chairs the Velmar Shipping Guild Council?", "vsg", part=True)
    assert not names_initials("Who chairs the Velmar Shipping Guild Council?", "vsg")  # the whole run only
    assert not names_initials("Who chairs the Velmar Shipping Guild Council?", "vgc", part=True)  # not a stretch
