"""Time: when an article was published, whether a question is about now, recency ranking.

- ``find_article_date(article)`` -> ``ArticleDate`` (date, where it came from, how precise):
  the article's metadata date, else a date in its URL path (``/2023/01/05/``), else a dated
  line near the top of its text ("Published ...", "Updated ...", a dateline), found as spaCy
  DATE entities that carry a year. ``article_date(article)`` is the bare ``datetime.date``.
- ``time_focus(question)`` -> ``TimeFocus``: PRESENT for questions about now ("this week",
  "current", "the new ...", "who won", "on Monday", present-tense "who is the ..."), PINNED for
  questions that state their own time ("in 2019", "the 2018 final", "last year"), else UNMARKED. ``is_about_now`` is the bool.
- ``recency_weight`` / ``prefer_recent``: a sentence's weight halves every ``half_life_days``
  behind the newest candidate; ``prefer_recent`` re-ranks scored items by score + bonus * weight.
- ``order_by_date``: items oldest -> newest (undated last), for sources that disagree.
- ``dates_of(store.articles)``: every article's ``ArticleDate`` by id, to compute once per store.
- Words that only say when a question is asked ("currently", "as of the latest report"): ``qa.asking_time``.

Pure functions: no engine imports; spaCy loads on first use through ``qa.nlp``.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, Generic, Mapping, NamedTuple, Protocol, Sequence, TypeVar

from qa import lexicon as L
from qa.config import TimeConfig

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

T = TypeVar("T")
DEFAULT = TimeConfig()


class DateSource(Enum):
    METADATA = "metadata"  # the date the loader was given (JSONL field, manifest, HTML meta)
    URL = "url"  # /yyyy/mm/dd/ in the article's URL path
    TEXT = "text"  # a dated line near the top of the text


class Precision(Enum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"


@dataclass(frozen=True)
class ArticleDate:
    date: dt.date
    source: DateSource
    precision: Precision

    def phrase(self) -> str:
        """The date as a reader sees it, no more precise than it is: "5 January 2023", "March 2024"."""
        month = calendar.month_name[self.date.month]
        if self.precision is Precision.DAY:
            return f"{self.date.day} {month} {self.date.year}"
        if self.precision is Precision.MONTH:
            return f"{month} {self.date.year}"
        return str(self.date.year)


class Dated(Protocol):  # index.types.Article satisfies this
    text: str
    url: str | None
    date: str | None


# ----------------------------------------------------------------------------- parsing dates
_ISO = re.compile(r"^\s*(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?(?=$|[T\s])")
_URL_DATE = re.compile(r"/((?:19|20)\d{2})/(\d{1,2})(?:/(\d{1,2}))?/")
_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_CLOCK = re.compile(r"\b\d{1,2}[:.]\d{2}(?::\d{2})?\b")


def _make(year: int, month: int | None, day: int | None, source: DateSource, cfg: TimeConfig) -> ArticleDate | None:
    if not cfg.min_year <= year <= dt.date.today().year + 1:
        return None
    try:
        if month and day:
            return ArticleDate(dt.date(year, month, day), source, Precision.DAY)
        if month:
            return ArticleDate(dt.date(year, month, 1), source, Precision.MONTH)
        return ArticleDate(dt.date(year, 1, 1), source, Precision.YEAR)
    except ValueError:  # 31 February and friends
        return None


def parse_date(value: str, source: DateSource = DateSource.METADATA, config: TimeConfig = DEFAULT) -> ArticleDate | None:
    """A date written as ISO / yyyy/mm/dd (any precision) or in words ("Jan. 5, 2023",
    "Thu 5 January 2023 10:02 GMT", "March 2024"); None without an explicit year."""
    m = _ISO.match(value)
    if m:
        return _make(int(m[1]), int(m[2]) if m[2] else None, int(m[3]) if m[3] else None, source, config)
    if any(w.lower() in _MONTHS for w in re.findall(r"[A-Za-z]+", value)):
        value = _CLOCK.sub(" ", value)  # "5 January 2023 10:02": the clock is not a day
    words = re.findall(r"[A-Za-z]+|\d+", value)
    years = [int(w) for w in words if len(w) == 4 and w.isdigit()]
    if len(years) != 1:
        return None
    months = [_MONTHS[w.lower()] for w in words if w.lower() in _MONTHS]
    days = [int(w) for w in words if w.isdigit() and len(w) <= 2 and 1 <= int(w) <= 31]
    if len(months) == 1:
        return _make(years[0], months[0], days[0] if len(days) == 1 else None, source, config)
    if not months and not days:
        return _make(years[0], None, None, source, config)
    import dateparser  # numeric day-month forms: "01/05/2023" (US order), "05.01.2023" (day first)

    order = "DMY" if re.search(r"\d\.\d", value) else "MDY"
    parsed = dateparser.parse(value, languages=["en"],
                              settings={"REQUIRE_PARTS": ["day", "month", "year"], "DATE_ORDER": order})
    return _make(parsed.year, parsed.month, parsed.day, source, config) if parsed else None


def _date_entities(doc: "Doc") -> list["Span"]:
    """DATE entities; one without a year is merged with the next ("Thu January 5" + ", " + "2023")."""
    out: list[Span] = []
    for ent in doc.ents:
        if ent.label_ != "DATE":
            continue
        if out and not _YEAR.search(out[-1].text) and ent.start - out[-1].end <= 2 \
                and all(t.is_punct or t.is_space for t in doc[out[-1].end:ent.start]):
            out[-1] = doc[out[-1].start:ent.end]
        else:
            out.append(ent)
    return out


def text_date(text: str, config: TimeConfig = DEFAULT) -> ArticleDate | None:
    """The publication date written near the top of ``text``: the newest date labelled
    "Published / Updated / Posted ...", else the first day or month date standing on a short
    line of its own (a dateline or byline); dates inside the prose are events, not the date."""
    from qa.nlp import pipeline

    head = text[: config.head_chars]
    if not _YEAR.search(head):
        return None  # no year, no date (and no parse)
    doc = pipeline()(head)
    labelled: list[ArticleDate] = []
    plain: list[ArticleDate] = []
    for ent in _date_entities(doc):
        found = parse_date(ent.text, DateSource.TEXT, config)
        if found is None or found.precision is Precision.YEAR:
            continue  # a bare year near the top is history ("in 2017"), not a publication date
        before = [t for t in doc[max(0, ent.start - 8):ent.start] if not (t.is_punct or t.ent_type_ == "TIME")]
        if any(t.lower_ in L.PUBLISH_WORDS for t in before[-3:]):  # "Updated 3:45 PM, Jan. 5, 2023"
            labelled.append(found)
        elif _line_len(text, ent.start_char) <= config.dateline_chars:
            plain.append(found)
    if labelled:
        return max(labelled, key=lambda d: d.date)
    return plain[0] if plain else None


def _line_len(text: str, at: int) -> int:
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    return (len(text) if end < 0 else end) - start


def find_article_date(article: Dated, config: TimeConfig = DEFAULT) -> ArticleDate | None:
    """The article's date: metadata, else the URL path, else the top of the text."""
    if article.date:
        found = parse_date(str(article.date), DateSource.METADATA, config)
        if found:
            return found
    if article.url:
        m = _URL_DATE.search(article.url)
        if m:
            found = _make(int(m[1]), int(m[2]), int(m[3]) if m[3] else None, DateSource.URL, config)
            if found:
                return found
    return text_date(article.text, config)


def article_date(article: Dated, config: TimeConfig = DEFAULT) -> dt.date | None:
    found = find_article_date(article, config)
    return found.date if found else None


class ArticleDates(Mapping):
    """``find_article_date`` by article id, found on first access and kept: the text fallback parses
    the top of an undated article with spaCy, which for every article of a large store took most of
    a cold ``factqa ask`` (SciFact, 5,183 undated abstracts: about 50 s on a busy machine) when a
    question reads the dates of a few."""

    def __init__(self, articles: Mapping[str, Dated], config: TimeConfig = DEFAULT) -> None:
        self._articles = articles
        self._config = config
        self._found: dict[str, ArticleDate | None] = {}

    def __getitem__(self, doc_id: str) -> ArticleDate | None:
        if doc_id not in self._found:
            self._found[doc_id] = find_article_date(self._articles[doc_id], self._config)
        return self._found[doc_id]

    def __iter__(self):
        return iter(self._articles)

    def __len__(self) -> int:
        return len(self._articles)


def dates_of(articles: Mapping[str, Dated], config: TimeConfig = DEFAULT) -> Mapping[str, ArticleDate | None]:
    """``find_article_date`` of every article, by id, each found on first access (``ArticleDates``)."""
    return ArticleDates(articles, config)


# ----------------------------------------------------------------------------- questions
_AMOUNT_ENTS = {"CARDINAL", "QUANTITY", "MONEY", "PERCENT"}  # "1500 workers" is no year
_DAY_WORDS = {d.lower() for d in (*calendar.day_name, *calendar.day_abbr)} | set(_MONTHS)
_WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_WEEKDAYS.update({name.lower(): i for i, name in enumerate(calendar.day_abbr)})


class TimeFocus(Enum):
    PRESENT = "present"  # about now: prefer the most recent dated statement
    PINNED = "pinned"  # the question states its own time ("in 2019"): recency says nothing
    UNMARKED = "unmarked"


def has_phrase(lower_words: list[str], phrases: frozenset[str]) -> bool:
    joined = " " + " ".join(lower_words) + " "
    return any(f" {p} " in joined for p in phrases)


def time_focus(question: "str | Doc") -> TimeFocus:
    """Whether ``question`` asks about the present, states its own time, or neither (module doc)."""
    if isinstance(question, str):
        from qa.nlp import pipeline

        question = pipeline()(question)
    words = [t.lower_ for t in question]
    if has_phrase(words, L.NOW_PHRASES) or any(w in L.NOW_WORDS for w in words):
        return TimeFocus.PRESENT
    pinned = any(_YEAR.fullmatch(t.text) and t.ent_type_ not in _AMOUNT_ENTS for t in question)
    if pinned or has_phrase(words, L.PAST_PHRASES):  # "in 2019", "the 2018 World Cup", "last year"
        return TimeFocus.PINNED
    if any(ent.label_ == "DATE" and any(t.lower_.rstrip(".") in _DAY_WORDS for t in ent) for ent in question.ents):
        return TimeFocus.PRESENT  # "on Monday", "on Jan. 8": a day with no year is a recent one
    for sent in question.sents:
        root = sent.root
        verbs = [root, *(c for c in root.children if c.dep_ in {"aux", "auxpass"})]
        if any("Pres" in t.morph.get("Tense") and "Part" not in t.morph.get("VerbForm") for t in verbs):
            return TimeFocus.PRESENT  # "who is the ...", "what does ... plan", "has ... resigned"
        if root.lemma_.lower() in L.SUPERSEDING_VERBS:
            return TimeFocus.PRESENT  # "who won ...": the newest result supersedes older ones
    return TimeFocus.UNMARKED


def is_about_now(question: "str | Doc") -> bool:
    return time_focus(question) is TimeFocus.PRESENT


def event_day(question: "str | Doc", as_of: dt.date) -> dt.date | None:
    """The earliest day on which the event a news question asks about can have happened, for a question asked
    on ``as_of``: a weekday ("on Monday": the last Monday on or before ``as_of``), a month and day without a
    year ("on Jan. 8": that day of ``as_of``'s year, or of the year before when it is later than ``as_of``),
    or a span back from the asking day (``qa.lexicon.WEEK_SPANS``: "this week" = the 7 days before). The
    earliest of several; None when the question names none, or only recurring ("every 16 January"), coming
    ("next Monday") or dated ("on 8 January 2019") days. An article published before that day cannot report
    the event (``published_before``)."""
    if isinstance(question, str):
        from qa.nlp import parsed

        question = parsed(question)
    days: list[dt.date] = []
    for ent in question.ents:
        if ent.label_ != "DATE" or _YEAR.search(ent.text):
            continue
        before = question[ent.start - 1].lower_ if ent.start > 0 else ""
        words = [t.lower_.rstrip(".") for t in ent]
        if before in L.RECURRING_WORDS or before in L.COMING_WORDS or any(w in L.COMING_WORDS | L.RECURRING_WORDS
                                                                          for w in words):
            continue
        span = " ".join(w for w in words if w != "the")
        if span in L.WEEK_SPANS:
            days.append(as_of - dt.timedelta(days=L.WEEK_SPANS[span]))
            continue
        weekdays = [_WEEKDAYS[w] for w in words if w in _WEEKDAYS]
        months = [_MONTHS[w] for w in words if w in _MONTHS]
        numbers = [int(w) for w in words if w.isdigit() and 1 <= int(w) <= 31]
        if months and numbers and len(months) == 1 and len(numbers) == 1:
            try:
                day = dt.date(as_of.year, months[0], numbers[0])
            except ValueError:
                continue
            if day > as_of + dt.timedelta(days=1):
                day = day.replace(year=as_of.year - 1) if not (day.month == 2 and day.day == 29) else day
            days.append(day)
        elif weekdays and not months and len(ent) <= 2:  # "Monday", "on Wednesday", "Tuesday night"
            days.append(as_of - dt.timedelta(days=(as_of.weekday() - weekdays[0]) % 7))
    return min(days) if days else None


def published_before(doc_ids: Sequence[str], dates: Mapping[str, "ArticleDate | None"], day: dt.date,
                     slack_days: int = 1) -> list[bool]:
    """Per article of ``doc_ids``: dated (to the day) more than ``slack_days`` before ``day``, so it cannot
    report an event of that day (``event_day``). Undated articles and month or year dates: False."""
    out = []
    for d in doc_ids:
        found = dates.get(d)
        out.append(found is not None and found.precision is Precision.DAY
                   and (day - found.date).days > slack_days)
    return out


# ----------------------------------------------------------------------------- ranking
def recency_weight(sentence_date: dt.date | None, newest_date: dt.date | None, config: TimeConfig = DEFAULT, *,
                   around: bool = False) -> float:
    """1.0 for the newest date, halving every ``half_life_days`` before it; undated -> ``undated_weight``.
    ``around``: ``newest_date`` is the day the question is asked, and a date after it is as far from
    it as one before (a store may hold later news than the question's day); dates within
    ``as_of_flat_days`` of that day all weigh 1 (the question's week)."""
    if sentence_date is None or newest_date is None:
        return config.undated_weight
    age = (newest_date - sentence_date).days
    age = max(0, abs(age) - config.as_of_flat_days) if around else max(0, age)
    return 0.5 ** (age / config.half_life_days)


def article_weights(doc_ids: Sequence[str], dates: Mapping[str, "ArticleDate | None"], as_of: dt.date,
                    config: TimeConfig = DEFAULT) -> list[float]:
    """The recency weight of each article of ``doc_ids`` for a question asked on ``as_of``
    (``recency_weight(around=True)``: 1 within ``as_of_flat_days`` of that day, halving every
    ``half_life_days`` beyond; undated: ``undated_weight``), in ``doc_ids`` order. Read by retrieval
    (``qa.retrieve.rank_chunks``) to prefer the articles of the week a question is asked in."""
    out = []
    for d in doc_ids:
        found = dates.get(d)
        out.append(recency_weight(found.date if found else None, as_of, config, around=True))
    return out


def looks_back(text: str, year: int | None) -> bool:
    """The sentence is background to the news of ``year``: it names an earlier year ("in 2019", "the
    2018 final") or a phrase of the past ("last year", "years ago", ``qa.lexicon.BACKGROUND_PHRASES``)."""
    if year is not None and any(int(y) < year for y in _YEAR.findall(text)):
        return True
    return has_phrase(re.findall(r"[a-z']+", text.lower()), L.BACKGROUND_PHRASES)


class Reranked(NamedTuple, Generic[T]):
    item: T
    index: int  # position in the input
    score: float  # score + bonus * weight
    weight: float


def prefer_recent(items: Sequence[T], scores: Sequence[float], dates: Sequence[dt.date | None],
                  config: TimeConfig = DEFAULT, *, as_of: dt.date | None = None,
                  texts: Sequence[str] | None = None) -> list[Reranked[T]]:
    """``items`` re-ranked by ``score + recency_bonus * recency_weight`` (ties keep input order).
    Recency is measured from ``as_of`` (the day the question is asked, ``recency_weight(around=True)``)
    when given, else from the newest of ``dates``. With ``texts``, an item whose text ``looks_back``
    (before the year of ``as_of`` or of the newest date) loses ``background_penalty``."""
    if not len(items) == len(scores) == len(dates) or (texts is not None and len(texts) != len(items)):
        raise ValueError(f"items, scores and dates must have the same length; got {len(items)}, "
                         f"{len(scores)}, {len(dates)}")
    newest = as_of or max((d for d in dates if d is not None), default=None)
    year = newest.year if newest else None
    out = []
    for i, (item, score, d) in enumerate(zip(items, scores, dates)):
        w = recency_weight(d, newest, config, around=as_of is not None)
        s = float(score) + config.recency_bonus * w
        if texts is not None and config.background_penalty and looks_back(texts[i], year):
            s -= config.background_penalty
        out.append(Reranked(item, i, s, w))
    return sorted(out, key=lambda r: (-r.score, r.index))


def order_by_date(items: Sequence[T], dates: Sequence[dt.date | None], *, newest_first: bool = False) -> list[T]:
    """``items`` oldest -> newest (``newest_first``: newest -> oldest); undated ones last, each group in
    input order."""
    if len(items) != len(dates):
        raise ValueError(f"items and dates must have the same length; got {len(items)} and {len(dates)}")
    sign = -1 if newest_first else 1
    order = sorted(range(len(items)), key=lambda i: (dates[i] is None, sign * (dates[i] or dt.date.min).toordinal(), i))
    return [items[i] for i in order]


def reported_note(cited: Sequence[tuple[int, "ArticleDate | None"]]) -> str | None:
    """When the cited sources were published, newest first: "(Reported 5 January 2023.)" when they share one
    date, else each date with its citation numbers, "(Reported December 2024 [1, 3]; November 2024 [2].)",
    so that figures from different dates read in order. ``cited``: (citation number, its article's date);
    undated ones are left out; None when none is dated. The first citation's date leads when it is newest."""
    groups: dict[dt.date, tuple[ArticleDate, list[int]]] = {}
    for n, d in cited:
        if d is not None:
            key = d.date if d.precision is Precision.DAY else d.date.replace(day=1)
            groups.setdefault(key, (d, []))[1].append(n)
    if not groups:
        return None
    if len(groups) == 1:
        return f"(Reported {next(iter(groups.values()))[0].phrase()}.)"
    order = sorted(groups, reverse=True)
    parts = [f"{groups[k][0].phrase()} [{', '.join(map(str, groups[k][1]))}]" for k in order]
    return f"(Reported {'; '.join(parts)}.)"
