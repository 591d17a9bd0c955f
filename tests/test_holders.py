"""qa.holders: who holds the title a "who is <title>" question asks for (invented text only)."""
from __future__ import annotations

import pytest

from qa.holders import AskedTitle, asked_title, holds_title
from qa.nlp import parsed
from qa.parse import evidence_frame


def _frame(text: str):
    return evidence_frame(parsed(text))


@pytest.mark.parametrize("question, title, qualifiers", [
    ("Who is Velmora's foreign minister now?", "minister", ("Velmora", "foreign")),
    ("Who is the current US president?", "president", ("US",)),
    ("Who is the new prime minister of Ostland?", "minister", ("prime", "Ostland")),
])
def test_asked_title(question, title, qualifiers):
    asked = asked_title(parsed(question))
    assert asked is not None and asked.title == title and set(asked.qualifiers) == set(qualifiers)


@pytest.mark.parametrize("question", ["Who said the bridge would close?", "Who is to blame for the flood?",
                                      "What is Velmora's foreign minister planning?"])
def test_not_a_title_question(question):
    assert asked_title(parsed(question)) is None


MINISTER = AskedTitle("minister", ("Velmora", "foreign"))


@pytest.mark.parametrize("text", [
    "Velmoran Foreign Minister Anna Reyes said the talks would resume in May.",
    "Anna Reyes, Velmora's foreign minister, said the talks would resume in May.",
])
def test_holder_named_with_the_title(text):
    assert holds_title(_frame(text), MINISTER)


@pytest.mark.parametrize("text", [
    "Ostland's Foreign Minister Piotr Kalan said the talks would resume in May.",  # another country's
    "Velmoran Defence Minister Piotr Kalan said the talks would resume in May.",  # another ministry
    "Anna Reyes said Velmora's foreign ministry would resume the talks in May.",  # no person with the title
])
def test_other_holders_do_not_count(text):
    assert not holds_title(_frame(text), MINISTER)


def test_an_elect_is_not_the_holder():
    asked = AskedTitle("president", ("US",))
    assert not holds_title(_frame("Markets rallied under U.S. President-elect Tom Hardwick on Monday."), asked)
    assert holds_title(_frame("Markets rallied after U.S. President Tom Hardwick spoke on Monday."), asked)


# ---------------------------------------------------------------- figures of a question about now, by date
import datetime as dt  # noqa: E402
from types import SimpleNamespace  # noqa: E402

from qa.select import newest_first  # noqa: E402
from qa.timeline import ArticleDate, DateSource, Precision  # noqa: E402


def _row(doc: str):
    return SimpleNamespace(evidence=SimpleNamespace(sentence=SimpleNamespace(doc_id=doc, text=f"A figure from {doc}.")),
                           name=doc)


def test_headline_stays_the_others_go_newest_first():
    day = {k: ArticleDate(dt.date(2031, m, 1), DateSource.METADATA, Precision.MONTH)
           for k, m in (("jan", 1), ("mar", 3), ("may", 5))}
    rows = [_row("mar"), _row("jan"), _row("none"), _row("may"), _row("jan")]
    out = newest_first(rows, {**day, "none": None})
    assert [r.name for r in out] == ["mar", "may", "jan", "jan", "none"]
