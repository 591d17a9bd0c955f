"""qa.select.place_named: an asked place written as initials ("U.S.", "UK") on invented text."""
from qa.select import place_named


def test_initials_are_named_by_the_same_capitals_with_or_without_dots():
    assert place_named("Egg prices rose across the U.S. last month.", "US")
    assert place_named("Egg prices rose across the US last month.", "the U.S.")


def test_initials_are_named_by_the_words_they_stand_for():
    assert place_named("The United Kingdom raised its bank rate again.", "UK")


def test_the_pronoun_us_is_not_the_place():
    assert not place_named("The grocer told us that prices rose.", "U.S.")


def test_other_initials_do_not_count():
    assert not place_named("Egg prices rose across the EU last month.", "UK")


def test_ordinary_place_names_keep_the_word_rule():
    assert place_named("Egg prices rose in Ohio last month.", "Ohio")
    assert not place_named("Egg prices rose in Texas last month.", "Ohio")
