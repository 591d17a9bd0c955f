"""Typed short answers (session 17, tspan): the span of a "which <noun>" question the typed search does not
serve (qa.noun_spans), finer place kinds (qa.spans.place_fits, qa.gazetteer.is_country) and date units kept
strict (SpanConfig.date_units_strict). Invented text only."""
from __future__ import annotations

from dataclasses import replace

import pytest

from qa.config import SPANS, Config
from qa.gazetteer import is_country
from qa.noun_spans import instance_labels, noun_spans_in
from qa.nlp import pipeline
from qa.parse import evidence_frame, question_frame
from qa.spans import place_fits


class _NoVectors:
    """A word cache that finds no word close to another: only the same word or stem meets."""

    def nearest(self, word, cands):
        return 0.0


def _spans(q: str, noun: str, text: str) -> list[str]:
    return [sp.text for sp in noun_spans_in(question_frame(q), noun, evidence_frame(pipeline()(text), "s"), _NoVectors(), 0.62)]


def test_a_named_phrase_headed_by_the_noun_answers_which_noun():
    got = _spans("Which family did Brandt accuse of fraud?", "family",
                 "Brandt accused the Lindqvist family of fraud on Monday.")
    assert got and "Lindqvist family" in got[0]


def test_an_organisation_answers_an_untyped_noun():
    got = _spans("Which Nordic unit did the engineers join in May?", "unit",
                 "In May the engineers joined the 4th Harbour Brigade near the coast.")
    assert got and "Harbour Brigade" in got[0]


def test_a_name_ending_in_the_noun_comes_first():
    got = _spans("Which office did the ministry contact?", "office",
                 "The ministry contacted the Wirenet Bureau and the Coastal Harbour Office by email.")
    assert got and "Harbour Office" in got[0]


def test_the_questions_own_name_is_no_answer():
    got = _spans("Which unit did the Harbour Brigade send to Oslo?", "unit",
                 "The Harbour Brigade sent engineers to Oslo.")
    assert all("Harbour Brigade" not in g for g in got)


def test_a_person_noun_takes_the_titled_name_not_a_phrase():
    got = _spans("Which Nordic envoy gave the first figure?", "envoy",
                 "The figure echoed an interview Brekka's Envoy Ivar Solheim gave to the Wirenet service last week.")
    assert got and got[0] == "Ivar Solheim"
    assert all("interview" not in g for g in got)


def test_a_person_noun_prefers_a_persons_name_to_a_titled_organisation():
    got = _spans("Which Nordic intelligence officer spoke to the Ledger?", "officer",
                 "Officer Ivar Solheim of the Brekka Intelligence Directorate spoke to the Ledger on Monday.")
    assert got and got[0] == "Ivar Solheim"


def test_a_name_after_a_title_is_a_person_without_its_label():
    from qa.noun_spans import titled_names

    text = "Lieutenant General Ivar Solheim of the Brekka Directorate told the Ledger on Monday."
    got = [text[a:b] for a, b in titled_names(text, "general", _NoVectors(), 0.62)]
    assert got == ["Ivar Solheim"]
    assert titled_names(text, "mayor", _NoVectors(), 0.62) == []  # another title than the one asked


def test_a_person_noun_takes_people():
    assert "PERSON" in instance_labels("diplomat") and "PRODUCT" not in instance_labels("diplomat")
    assert "ORG" in instance_labels("unit") and "PERSON" not in instance_labels("unit")


def test_country_names_and_codes_from_the_table():
    assert is_country("Norway") and is_country("the US") and is_country("U.S.") and is_country("the Netherlands")
    assert not is_country("Oslo") and not is_country("Bavaria") and not is_country("Wirenet")
    assert not is_country("no") and not is_country("in")  # codes count in capitals only


def test_a_city_is_no_country_and_a_country_is_one():
    city = question_frame("Which city hosted the ferry summit?")
    assert place_fits(city, "Oslo") and not place_fits(city, "Norway") and not place_fits(city, "the Brekka Hall", "FAC")
    assert not place_fits(city, "the Brekka Ferry Board", "ORG") and place_fits(city, "Oslo", "GPE")
    country = question_frame("Which country hosted the ferry summit?")
    assert place_fits(country, "Norway") and not place_fits(country, "Oslo")
    where = question_frame("Where was the ferry summit held?")
    assert place_fits(where, "Norway") and place_fits(where, "Oslo")


FERRY = """Ferry line reopens in Brekka

The Brekka ferry line reopened after 24 years, the harbour board said.
Captain Ivar Solheim steered the first crossing with 80 passengers on board.
The Wirenet Bureau of Brekka said the Solheim family had run the line before it closed.
The 4th Coast Brigade guarded the Brekka pier during the first crossing.
"""


@pytest.fixture(scope="module")
def ferry(engine_over):
    return engine_over({"ferry.txt": FERRY})


def _with(engine, span_changes=None, **changes):
    return type(engine)(engine.store_path, config=Config().with_(**changes),
                        span_config=replace(SPANS, **(span_changes or {})))


def test_a_date_unit_question_takes_no_duration_when_strict(ferry):
    q = "On what date did the Brekka ferry line reopen?"
    loose = _with(ferry, {"date_units_strict": False}).ask(q)
    strict = _with(ferry, {"date_units_strict": True}).ask(q)
    assert not strict.answerable or "24 years" not in (strict.short_answer or "")
    assert loose.answerable != strict.answerable or loose.short_answer != strict.short_answer


def test_noun_spans_give_the_short_answer_of_an_untyped_which_question(ferry):
    q = "Which unit guarded the Brekka pier during the first crossing?"
    off, on = _with(ferry, noun_spans=False).ask(q), _with(ferry, noun_spans=True).ask(q)
    assert on.answerable and "Coast Brigade" in (on.short_answer or "")
    assert (off.short_answer or "") != (on.short_answer or "")


def test_an_organisation_called_by_another_organisation_noun_clashes():
    from qa.frames import Span
    from qa.spans import org_kind_clash

    q = question_frame("Which newspaper first reported the harbour deal?")
    for text, name in (("The deal was first reported by the alliance Wirenet on Monday.", "Wirenet"),
                       ("Wirenet, the trade alliance, first reported the deal.", "Wirenet"),
                       ("The Wirenet alliance first reported the deal.", "Wirenet")):
        at = text.index(name)
        assert org_kind_clash(q, text, Span(name, at, at + len(name)))
    for text in ("The Ledger newspaper first reported the deal.", "The daily Ledger first reported the deal.",
                 "Ledger, the paper of record, first reported the deal.", "Ledger first reported the deal."):
        at = text.index("Ledger")
        assert not org_kind_clash(q, text, Span("Ledger", at, at + 6))
    group = question_frame("Which group first reported the harbour deal?")
    text = "The deal was first reported by the alliance Wirenet on Monday."
    assert not org_kind_clash(group, text, Span("Wirenet", text.index("Wirenet"), text.index("Wirenet") + 7))
