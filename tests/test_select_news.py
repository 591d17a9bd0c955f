"""qa.select on news questions (invented text): the headline figure of a question about now (an asked place
written as initials is qa.reader.mentions: tests/test_mentions_initials.py)."""

# --- select.newest_first: a headline figure that looks back gives way to a newer current one
import datetime as dt
from types import SimpleNamespace

from qa.select import newest_first


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
