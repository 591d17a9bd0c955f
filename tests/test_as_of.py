"""Engine.ask(as_of=day): a question asked on a known day prefers statements dated near it (invented text)."""
from __future__ import annotations

import datetime as dt

import pytest

SPRING = ("Published March 2, 2025\n\nVell Cup final\n\n"
          "The Harbor Hawks won the Vell Cup final on Sunday, beating the Ridge Foxes 3-1 in Orrin. "
          "Fans filled the old stadium for the match.\n")
AUTUMN = ("Published September 14, 2025\n\nVell Cup final\n\n"
          "The Ridge Foxes won the Vell Cup final on Sunday, beating the Harbor Hawks 2-0 in Orrin. "
          "Fans filled the new stadium for the match.\n")
QUESTION = "Which team won the Vell Cup final this week?"


@pytest.fixture(scope="module")
def engine(engine_over):
    return engine_over({"spring.txt": SPRING, "autumn.txt": AUTUMN})


def _lead(ans) -> str:
    return ans.citations[0].quote if ans.citations else ""


def test_without_a_day_the_newest_report_answers(engine):
    ans = engine.ask(QUESTION)
    assert ans.answerable and _lead(ans).startswith("The Ridge Foxes won")


def test_asked_in_march_the_march_report_answers(engine):
    ans = engine.ask(QUESTION, as_of=dt.date(2025, 3, 4))
    assert ans.answerable and _lead(ans).startswith("The Harbor Hawks won")


def test_asked_in_september_the_september_report_answers(engine):
    ans = engine.ask(QUESTION, as_of=dt.date(2025, 9, 15))
    assert ans.answerable and _lead(ans).startswith("The Ridge Foxes won")


def test_gold_items_are_asked_on_their_question_date():
    from qa.eval.evaluate import item_date, predict_one

    assert item_date({"question_date": "2025-03-04"}) == dt.date(2025, 3, 4)
    assert item_date({"question_date": "not a date"}) is None and item_date({}) is None
    seen = []

    def ask(question, as_of=None):
        seen.append(as_of)
        raise RuntimeError("stop")  # predict_one turns this into an error row

    predict_one({"id": "x", "kind": "factoid", "question": "Who won?", "question_date": "2025-03-04"}, ask, ask)
    predict_one({"id": "y", "kind": "factoid", "question": "Who won?"}, ask, ask)
    assert seen == [dt.date(2025, 3, 4), None]
