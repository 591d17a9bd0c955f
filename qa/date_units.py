"""Calendar units of date spans: how fine a date text is ("Nov. 15" a day, "June" a month, "2019" a year)
and whether it is of the unit a question names ("which weekday", "what month", "by what date").
Used by the span rules (``qa.spans``) and the date constraints (``qa.constraints``)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from qa import lexicon as L
from qa.frames import AnswerType

if TYPE_CHECKING:
    from qa.frames import QuestionFrame, Span


def date_unit(text: str) -> int:
    """The finest calendar unit a date text gives: 3 a day ("Nov. 15", "Thursday"), 2 a month, 1 a
    year, 0 none ("24 years", "recently")."""
    words = [w.strip(".,").lower() for w in text.split()]
    month = any(w in L.MONTHS or w in L.MONTH_ABBREVIATIONS for w in words)
    if any(w in L.WEEKDAYS for w in words) or (month and any(w.rstrip("stndrh").isdigit() for w in words)):
        return 3
    if month:
        return 2
    return 1 if any(len(w) == 4 and w.isdigit() for w in words) else 0


def finer_date(qf: QuestionFrame, e: Span) -> bool:
    """A date finer than every time the question names ("May 14" for "what date in May"): an answer,
    not a repeat of the question's own time."""
    return getattr(e, "kind", None) is AnswerType.DATE and bool(qf.times) \
        and date_unit(e.text) > max(date_unit(t) for t in qf.times)


def date_fits(type_word: str | None, text: str) -> bool:
    """A date span is of the unit the question names: "which day" <- "Thursday" / "Nov. 15", "what
    month" <- "June", "what year" <- "2019"; any date fits other questions. "Hours before" or "earlier
    this year" answer none of the three."""
    words = [w.strip(".,").lower() for w in text.split()]
    month = any(w in L.MONTHS or w in L.MONTH_ABBREVIATIONS for w in words)
    year = any(len(w) == 4 and w.isdigit() for w in words)
    if type_word == "month":
        return month
    if type_word == "year":
        return year
    if type_word == "date":  # "by what date": a point on the calendar, not "one year" or "recently"
        return date_unit(text) >= 1
    if type_word == "ordinal":  # "which day of the siege" <- "the 40th day"
        return any(w[-2:] in ("st", "nd", "rd", "th") and w[:-2].replace(",", "").isdigit() for w in words)
    if type_word == "weekday":
        return any(w in L.WEEKDAYS for w in words)
    if type_word == "day":
        return any(w in L.WEEKDAYS for w in words) or (month and any(w.rstrip("stndrh").isdigit() for w in words))
    return True
