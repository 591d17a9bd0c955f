"""Lists over the articles themselves (qa.inventory): "which X are named across the reports" reads every
sentence for names of the asked type that meet the question's qualifiers, each cited. Invented text only."""
from __future__ import annotations

from dataclasses import replace

import pytest

from qa.frames import AnswerType
from qa.describe import sentence_doc
from qa.inventory import headline, joined, list_ask, one_name, place_match, titled_names


# ---------------------------------------------------------------- the question's parse

def test_a_list_over_the_articles_reads_type_and_nationality():
    ask = list_ask("Which Dutch officials are named across the articles?")
    assert ask is not None and ask.kind is AnswerType.PERSON and ask.corpus
    assert ask.places == ("Dutch",) and ask.event is None  # "named": what the articles hold, not a deed


def test_besides_excludes_a_name_and_is_no_actor():
    ask = list_ask("Besides Okafor, which Nigerian ministers are named in the reports?")
    assert ask is not None and ask.excluded == ("Okafor",) and "Okafor" not in ask.actors


def test_dates_within_a_month_and_the_actor_of_a_question():
    ask = list_ask("Which dates in March do the reports give?")
    assert ask is not None and ask.kind is AnswerType.DATE and ask.within == ("March",)
    days = list_ask("On which weekdays across the reports did Okafor speak to the press?")
    assert days is not None and days.head == "weekday" and days.actors == ("Okafor",)


def test_qualifier_words_per_conjoined_head():
    ask = list_ask("Name the news agencies and wire services the articles rely on.")
    assert ask is not None and ask.kind is AnswerType.ORG and set(ask.words) == {("news",), ("wire",)}


def test_scope_is_the_articles_only_when_the_question_says_so():
    assert not list_ask("Which Dutch ministers resigned last year?").corpus  # no document noun
    # a modified report is one report, not the articles: its constraint is left to the ordinary answer
    assert not list_ask("In the March report, which Dutch ministers are named?").corpus
    assert list_ask("What did the minister say?") is None  # no plural head noun of a known type


def test_a_content_verb_and_its_objects_are_constraints():
    ask = list_ask("Which Dutch officials resigned, according to the reports?")
    assert ask is not None and ask.event == "resign"
    warned = list_ask("Which officials warned of a fuel shortage, according to the reports?")
    assert warned.event == "warn" and set(warned.objects) == {"fuel", "shortage"}


def test_headline_names_are_not_items():
    assert headline("Fuel Prices Climb Again, Minister Warns")
    assert not headline("Dutch Foreign Minister Anna Visser said on Monday that the talks had stalled.")


# ---------------------------------------------------------------- names

@pytest.mark.parametrize("q, place, ok", [
    ("Ukrainian", "Ukraine", True), ("American", "U.S.", True), ("Dutch", "Netherlands", True),
    ("South Korean", "South Korea", True), ("South Korean", "North Korea", False), ("Nigerian", "Niger", False),
    ("Dutch", "the Netherlands", True), ("Dutch", "Holland", True), ("british", "Great Britain", True),  # qa.gazetteer
    ("Dutch", "Denmark", False), ("Wirenian", "Wirenia", True), ("Wirenian", "Ostria", False),
])
def test_place_match(q, place, ok):
    assert place_match(q, place) is ok


def test_one_name():
    assert one_name("Oslo’s Defence Directorate", "the Defence Directorate")
    assert one_name("Anna Visser", "Visser")
    assert one_name("U.S.", "U.S.")  # too short for a word match, the same name all the same
    assert not one_name("November 1", "November 15")  # the numbers differ
    assert one_name("the Port Authority", "PA", lambda n: ["pa"] if "Port" in n else [])
    assert joined(["A"]) == "A" and joined(["A", "B", "C"]) == "A, B and C"


def test_a_title_introduces_a_name_from_the_parse():
    doc = sentence_doc("Lieutenant General Ivo Marek of the Tarvian army said the bridge had been repaired.")
    assert [sp.text for sp in titled_names(doc)] == ["Ivo Marek"]
    assert titled_names(sentence_doc("The general said the bridge had been repaired.")) == []


# ---------------------------------------------------------------- answers

HAGUE = """Talks stall in Vardo

Dutch Foreign Minister Anna Visser said on Monday that the talks had stalled.
Swedish envoy Lars Berg met the delegates in Vardo on Monday.
The harbour stayed closed for the rest of the week.
"""
PRICES = """Prices climb

Peter Janssen, the Dutch finance minister, warned of higher fuel prices on Thursday.
Officials in Vardo declined to comment on the fuel shortage.
"""


@pytest.fixture(scope="module")
def talks(engine_over):
    return engine_over({"hague.txt": HAGUE, "prices.txt": PRICES})


def _items(ans) -> list[str]:
    return [s.strip() for s in (ans.short_answer or "").split(",")]


def _ask_with(engine, question: str, **changes):
    """``engine.ask`` under a changed Config, the engine's own config restored afterwards."""
    old = engine.config
    try:
        engine.config = replace(old, **changes)
        return engine.ask(question)
    finally:
        engine.config = old


def test_every_qualified_name_across_articles_is_listed_and_cited(talks):
    ans = talks.ask("Which Dutch officials are named across the articles?")
    assert ans.answerable
    assert set(_items(ans)) == {"Anna Visser", "Peter Janssen"}  # Lars Berg is Swedish
    for name in ("Anna Visser", "Peter Janssen"):  # never an item without its citation
        assert any(name in c.quote for c in ans.citations)
    assert ans.answer.startswith("Anna Visser [1] and Peter Janssen [2].")


def test_excluded_name_and_minimum_items(talks):
    q = "Besides Anna Visser, which Dutch officials are named across the articles?"
    one = _ask_with(talks, q, inventory_min_items=1)
    off = _ask_with(talks, "Which Dutch officials are named across the articles?", inventory_min_items=0)  # off
    assert _items(one) == ["Peter Janssen"]
    assert not (off.answer or "").startswith("Anna Visser [1] and Peter Janssen [2].")


def test_weekdays_of_one_actor(talks):
    ans = _ask_with(talks, "On which weekdays across the reports did Janssen speak?", inventory_min_items=1)
    assert _items(ans) == ["Thursday"]  # Monday is Visser's and Berg's day


def test_a_constraint_no_sentence_meets_leaves_the_ordinary_answer(talks):
    ans = _ask_with(talks, "Which officials warned of a flood, according to the reports?", inventory_min_items=1)
    assert not (ans.answer or "").startswith("Peter Janssen [1].")  # he warned of prices, not of a flood


def test_an_outlet_article_is_the_scope(engine_over):
    import json
    rows = [{"id": "g1", "outlet": "Gazette", "title": "Talks stall", "text": HAGUE},
            {"id": "p1", "outlet": "Courier", "title": "Prices climb",
             "text": PRICES + "Dutch trade minister Eva Bakker said exports fell.\n"}]
    eng = engine_over({"news.jsonl": "\n".join(json.dumps(r) for r in rows) + "\n"})
    ans = eng.ask("Which Dutch officials does the Courier article mention?")
    assert ans.answerable and set(_items(ans)) == {"Peter Janssen", "Eva Bakker"}  # not the Gazette's Visser
    assert all(c.doc_id == "p1" for c in ans.citations)
