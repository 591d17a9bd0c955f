"""qa.timeline: article dates, questions about now, recency ranking (invented text only)."""
from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from index.types import Article
from qa.config import TimeConfig
from qa.timeline import (
    DateSource, Precision, TimeFocus, article_date, dates_of, find_article_date, is_about_now, order_by_date,
    looks_back, parse_date, prefer_recent, recency_weight, text_date, time_focus,
)

D = dt.date


def art(text: str = "A council meeting was held.", date: str | None = None, url: str | None = None) -> Article:
    return Article(id="a", title="t", text=text, date=date, url=url)


# ----------------------------------------------------------------------------- parse_date
@pytest.mark.parametrize("value, day, precision", [
    ("2023-01-05", D(2023, 1, 5), Precision.DAY),
    ("2023/01/05", D(2023, 1, 5), Precision.DAY),
    ("2023-01-05T22:10:00Z", D(2023, 1, 5), Precision.DAY),
    ("2024-11", D(2024, 11, 1), Precision.MONTH),
    ("2019", D(2019, 1, 1), Precision.YEAR),
    ("Jan. 5, 2023", D(2023, 1, 5), Precision.DAY),
    ("Thursday 5 January 2023 10:02 GMT", D(2023, 1, 5), Precision.DAY),
    ("Sept. 30, 2021", D(2021, 9, 30), Precision.DAY),
    ("March 2024", D(2024, 3, 1), Precision.MONTH),
    ("01/05/2023", D(2023, 1, 5), Precision.DAY),  # slashes: month first
    ("05.01.2023", D(2023, 1, 5), Precision.DAY),  # dots: day first
])
def test_parse_date(value, day, precision):
    found = parse_date(value)
    assert found is not None and (found.date, found.precision) == (day, precision)


@pytest.mark.parametrize("value", ["Thursday", "March 3", "last week", "1850", "2023-02-30", ""])
def test_parse_date_needs_a_real_year(value):
    assert parse_date(value) is None


def test_phrase_is_no_more_precise_than_the_date():
    assert parse_date("2023-01-05").phrase() == "5 January 2023"
    assert parse_date("2024-11").phrase() == "November 2024"
    assert parse_date("2019").phrase() == "2019"


# ----------------------------------------------------------------------------- article dates
def test_metadata_date_wins():
    found = find_article_date(art("Updated: Feb. 2, 2022. Storms hit.", date="2022-02-01", url="https://x.org/2021/05/04/a"))
    assert (found.date, found.source) == (D(2022, 2, 1), DateSource.METADATA)


def test_url_date_when_no_metadata():
    found = find_article_date(art(url="https://news.example.org/2022/11/13/world/flood-story.html"))
    assert (found.date, found.source, found.precision) == (D(2022, 11, 13), DateSource.URL, Precision.DAY)


def test_updated_line_beats_published_line():
    text = ("By Mara Quill | Published March 3, 2024 | Updated March 5, 2024\n\n"
            "The harbour authority approved a new ferry timetable.")
    found = find_article_date(art(text))
    assert (found.date, found.source) == (D(2024, 3, 5), DateSource.TEXT)


def test_dateline_date_at_the_top():
    text = "Monday 12 February 2024\nThe regional rail operator cut 40 services on Friday."
    assert article_date(art(text)) == D(2024, 2, 12)


def test_a_bare_historical_year_is_not_a_publication_date():
    assert text_date("In 1998, the bridge was rebuilt after the floods. It reopened to traffic later.") is None


def test_no_date_anywhere():
    assert article_date(art("The bakery on the corner sold out of bread again.")) is None


def test_dates_below_the_top_are_not_read():
    filler = "The committee met and talked about parking. " * 20
    text = filler + "Published March 3, 2024."
    assert text_date(text, TimeConfig(head_chars=200)) is None


# ----------------------------------------------------------------------------- questions
@pytest.mark.parametrize("question", [
    "Who is the current chair of the central bank?",
    "Which company announced layoffs this week?",
    "What is the latest figure for unemployment?",
    "Who won the regional election?",
    "Who is the head coach of the national team?",
    "What is the new name of the stadium?",
    "How many hostages are still held?",
    "How many teachers have joined the strike?",
    "The ferry operator cancelled how many crossings on Wednesday?",
    "Which airport closed its north runway on Feb. 3?",
    "This past weekend, which band played the harbour festival?",
])
def test_questions_about_now(question):
    assert time_focus(question) is TimeFocus.PRESENT and is_about_now(question)


@pytest.mark.parametrize("question", [
    "Who won the 2014 marathon?",
    "What did the minister promise last year?",
    "How many people lived in the valley in 1950?",
    "Which film won best picture at the 2031 awards?",
])
def test_questions_that_state_their_time(question):
    assert time_focus(question) is TimeFocus.PINNED and not is_about_now(question)


@pytest.mark.parametrize("question", [
    "How many people were injured in the collapse?",
    "When was the tunnel opened?",
])
def test_unmarked_questions(question):
    assert time_focus(question) is TimeFocus.UNMARKED


# ----------------------------------------------------------------------------- ranking
def test_recency_weight_halves_every_half_life():
    cfg = TimeConfig(half_life_days=10)
    assert recency_weight(D(2023, 1, 20), D(2023, 1, 20), cfg) == 1.0
    assert recency_weight(D(2023, 1, 10), D(2023, 1, 20), cfg) == pytest.approx(0.5)
    assert recency_weight(D(2023, 1, 1), D(2023, 1, 21), cfg) == pytest.approx(0.25)
    assert recency_weight(None, D(2023, 1, 20), cfg) == cfg.undated_weight


def test_prefer_recent_lifts_a_newer_close_second():
    cfg = TimeConfig(half_life_days=7, recency_bonus=0.1)
    items = ["old statement", "new statement", "undated"]
    ranked = prefer_recent(items, [0.60, 0.55, 0.58], [D(2022, 6, 1), D(2023, 1, 20), None], cfg)
    assert [r.item for r in ranked] == ["new statement", "undated", "old statement"]
    assert ranked[0].weight == 1.0 and ranked[0].index == 1


def test_prefer_recent_without_bonus_keeps_the_order():
    cfg = replace(TimeConfig(), recency_bonus=0.0)
    ranked = prefer_recent(["a", "b", "c"], [0.9, 0.5, 0.5], [D(2020, 1, 1), D(2023, 1, 1), None], cfg)
    assert [r.item for r in ranked] == ["a", "b", "c"]


def test_prefer_recent_rejects_mismatched_lengths():
    with pytest.raises(ValueError, match="same length"):
        prefer_recent(["a"], [0.1, 0.2], [None])


def test_order_by_date_oldest_first_undated_last():
    items = ["jan", "none", "mar", "feb"]
    dates = [D(2023, 1, 1), None, D(2023, 3, 1), D(2023, 2, 1)]
    assert order_by_date(items, dates) == ["jan", "feb", "mar", "none"]


@pytest.mark.parametrize("kwargs", [{"half_life_days": 0}, {"undated_weight": 1.5}, {"recency_bonus": -1},
                                    {"head_chars": 0}])
def test_time_config_validates(kwargs):
    with pytest.raises(ValueError):
        TimeConfig(**kwargs)


def test_dates_of_maps_ids_to_dates():
    found = dates_of({"x": art(date="2023-01-05"), "y": art()})
    assert found["x"].date == D(2023, 1, 5) and found["y"] is None


def test_a_date_inside_the_prose_is_an_event_not_the_publication_date():
    text = ("Engineers who first inspected the pier on Jan. 22, 2006, warned then that its pilings were rotting, "
            "and the city council finally voted to replace it this week after a long debate.")
    assert text_date(text) is None


def test_a_verb_that_looks_like_a_label_is_not_one():
    text = "The guard scored 71 points, the most since Booker posted 70 against Boston in 2017 and then rested."
    assert text_date(text) is None


# ----------------------------------------------------------------------------- asked on a known day
def test_recency_around_the_day_asked_is_symmetric_with_a_flat_week():
    cfg = TimeConfig(half_life_days=10, as_of_flat_days=7)
    asked = D(2031, 5, 20)
    assert recency_weight(D(2031, 5, 14), asked, cfg, around=True) == 1.0  # the same week
    assert recency_weight(D(2031, 5, 26), asked, cfg, around=True) == 1.0  # a later day of the week
    assert recency_weight(D(2031, 5, 3), asked, cfg, around=True) == pytest.approx(0.5)  # 17 days: 10 beyond the week
    assert recency_weight(D(2031, 6, 6), asked, cfg, around=True) == pytest.approx(0.5)  # 17 days after
    assert recency_weight(D(2031, 6, 9), asked, cfg) == 1.0  # from the newest: later is never penalised


def test_prefer_recent_as_of_prefers_the_question_week_over_later_news():
    cfg = TimeConfig(half_life_days=10, recency_bonus=0.2, as_of_flat_days=3)
    items = ["later follow-up", "that week's report"]
    dates = [D(2031, 7, 30), D(2031, 7, 2)]
    assert prefer_recent(items, [0.60, 0.55], dates, cfg)[0].item == "later follow-up"  # newest wins
    ranked = prefer_recent(items, [0.60, 0.55], dates, cfg, as_of=D(2031, 7, 1))
    assert ranked[0].item == "that week's report"


@pytest.mark.parametrize("text, year, back", [
    ("The river flooded the valley in 2009, officials recalled.", 2031, True),
    ("Last year the festival drew 40,000 visitors.", 2031, True),
    ("Decades ago the mill employed half the town.", 2031, True),
    ("The council voted on Tuesday to close the bridge.", 2031, False),
    ("The plan runs until 2035.", 2031, False),  # a later year is no background
    ("The 2031 budget was approved.", 2031, False),
    ("It reopened in 2009.", None, False),  # no reference year: only phrases count
])
def test_looks_back(text, year, back):
    assert looks_back(text, year) is back


def test_background_penalty_sinks_a_look_back_for_now():
    cfg = TimeConfig(recency_bonus=0.0, background_penalty=0.1)
    texts = ["Last year the mayor was Ines Varga.", "The mayor is now Tomas Quell."]
    ranked = prefer_recent(["old", "new"], [0.60, 0.55], [None, None], cfg, as_of=D(2031, 3, 1), texts=texts)
    assert [r.item for r in ranked] == ["new", "old"]
    plain = prefer_recent(["old", "new"], [0.60, 0.55], [None, None], TimeConfig(recency_bonus=0.0),
                          as_of=D(2031, 3, 1), texts=texts)
    assert plain[0].item == "old"  # no penalty configured: the order stands
