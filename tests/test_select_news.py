"""qa.select on news questions (invented text): an asked place written as initials ("U.S.", "UK"), and the
headline figure of a question about now."""
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


# --- select.newest_first: a headline figure that looks back gives way to a newer current one
import datetime as dt  # noqa: E402
from types import SimpleNamespace  # noqa: E402

from qa.select import newest_first  # noqa: E402


def _row(text: str, doc: str):
    return SimpleNamespace(evidence=SimpleNamespace(sentence=SimpleNamespace(text=text, doc_id=doc)))


def _date(day: str):
    return SimpleNamespace(date=dt.date.fromisoformat(day))


DATES = {"old": _date("2019-03-01"), "new": _date("2024-05-02"), "mid": _date("2023-01-10")}


def test_a_background_headline_gives_way_to_a_newer_current_figure():
    rows = [_row("The toll was raised in 2018 by 40 cents.", "old"), _row("The toll is now 3 dollars.", "new")]
    assert [r.evidence.sentence.doc_id for r in newest_first(rows, DATES)] == ["new", "old"]


def test_a_current_headline_stays():
    rows = [_row("The toll is now 3 dollars.", "old"), _row("The toll rose to 4 dollars.", "new")]
    assert [r.evidence.sentence.doc_id for r in newest_first(rows, DATES)] == ["old", "new"]


def test_no_newer_current_figure_keeps_the_headline():
    rows = [_row("The toll was raised in 2018 by 40 cents.", "new"), _row("In 2019 it rose again.", "mid")]
    assert [r.evidence.sentence.doc_id for r in newest_first(rows, DATES)] == ["new", "mid"]
