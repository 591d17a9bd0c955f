"""Words that say when a question is asked, not what it asks (qa.asking_time): left out of the
retrieval query and of the words the evidence must cover. Invented questions, not from the seeds."""
from __future__ import annotations

import pytest

from qa.nlp import parsed
from qa.asking_time import asking_time_words, without_asking_time


@pytest.mark.parametrize("question, expected", [
    ("Who is the current mayor of Lindholm, according to the articles?", "Who is the mayor of Lindholm?"),
    ("Who chairs the harbour board as of the latest report?", "Who chairs the harbour board?"),
    ("Who coaches the Tigers at present, going by the most recent article that names her?",
     "Who coaches the Tigers?"),
    ("How many ferries has Orvala Lines ordered so far?", "How many ferries has Orvala Lines ordered?"),
    ("Is the bakery strike still going on?", "Is the bakery strike going on?"),
    ("Who runs the observatory today, per the latest report that says so?", "Who runs the observatory?"),
])
def test_time_of_asking_is_dropped(question, expected):
    assert without_asking_time(question) == expected


@pytest.mark.parametrize("question", [
    "According to the Lindholm council report, how many bridges closed?",  # a named report is a source
    "Who will present the award at the gala?",  # "present" the verb
    'Who said "we are still counting the votes right now"?',  # quoted words are searched for
    "Which ship sank in March?",  # nothing to drop: no parse
])
def test_content_is_kept(question):
    assert without_asking_time(question) == question


def test_a_report_with_a_subject_is_content():
    assert without_asking_time("What did the latest report on the dam say?") == "What did the report on the dam say?"


def test_nothing_left_keeps_the_question():
    assert without_asking_time("What is the latest?") == "What is the latest?"


def test_coverage_words_are_the_dropped_ones():
    words = asking_time_words(parsed("Who leads the rowing club now, as of the newest report?"))
    assert {"now", "newest", "report"} <= words
    assert not words & {"leads", "rowing", "club"}


# ---------------------------------------------------------------- dates said in the answer
import datetime as dt  # noqa: E402

from qa.timeline import ArticleDate, DateSource, Precision, reported_note  # noqa: E402


def _month(y: int, m: int) -> ArticleDate:
    return ArticleDate(dt.date(y, m, 1), DateSource.METADATA, Precision.MONTH)


def test_one_date_is_said_once():
    assert reported_note([(1, _month(2031, 3)), (2, _month(2031, 3)), (3, None)]) == "(Reported March 2031.)"


def test_several_dates_newest_first_with_their_citations():
    note = reported_note([(1, _month(2031, 3)), (2, _month(2030, 11)), (3, _month(2031, 3)), (4, _month(2031, 1))])
    assert note == "(Reported March 2031 [1, 3]; January 2031 [4]; November 2030 [2].)"


def test_no_dates_no_note():
    assert reported_note([(1, None)]) is None
