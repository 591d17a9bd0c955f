"""A typed answer must meet the nation / ordinal the question puts on its asked noun (session 17, modagree:
qa.modifier_agree). Invented text only."""
from __future__ import annotations

import pytest

from qa.frames import Refusal, RefusalReason
from qa.modifier_agree import Agreement, ModKind, asked_modifiers, check, nation_of
from qa.nlp import parsed


def _check(q: str, noun: str, s: str, span: str, absent: bool = False):
    a = s.index(span)
    return check(parsed(q), noun, s, a, a + len(span), absent)


def test_nation_of_reads_countries_and_their_demonyms():
    assert nation_of("Peruvian") == "peru"
    assert nation_of("Norwegian") == "norway"
    assert nation_of("Chilean") == "chile"
    assert nation_of("Norway") == "norway"
    assert nation_of("Swiss") == "switzerland"
    assert nation_of("Brandt") is None  # a name that is no nation
    assert nation_of("Republican") is None
    assert nation_of("peruvian") is None  # a lower-case word is no name


def test_the_asked_nouns_nation_and_ordinal_are_read_from_the_parse():
    mods = asked_modifiers(parsed("Which Norwegian brigade held the bridge at Brandt?"), "brigade")
    assert [(m.kind, m.key) for m in mods] == [(ModKind.NATION, "norway")]
    assert asked_modifiers(parsed("Which brigade held the bridge at Brandt?"), "brigade") == []


def test_a_span_of_another_nation_clashes():
    c = _check("Which Norwegian brigade held the bridge at Brandt?", "brigade",
               "The Swedish 4th Brigade held the bridge at Brandt on Monday.", "4th Brigade")
    assert c.agreement is Agreement.CLASH and c.other == "Swedish"


def test_a_titled_person_of_another_nation_clashes():
    c = _check("Which Canadian general commanded the mission at Brandt?", "general",
               "Chilean General Ana Costa commanded the mission at Brandt.", "Ana Costa")
    assert c.agreement is Agreement.CLASH


def test_the_same_nation_written_as_the_country_is_met():
    c = _check("Which Norwegian brigade held the bridge at Brandt?", "brigade",
               "The 4th Brigade of Norway held the bridge at Brandt on Monday.", "4th Brigade")
    assert c.agreement is Agreement.MET


def test_a_span_with_no_nation_is_kept_unless_absence_is_checked():
    s = "The 4th Harbour Brigade held the bridge at Brandt on Monday."
    q = "Which Norwegian brigade held the bridge at Brandt?"
    assert _check(q, "brigade", s, "4th Harbour Brigade").agreement is Agreement.MET
    assert _check(q, "brigade", s, "4th Harbour Brigade", absent=True).agreement is Agreement.ABSENT
    told = "Norwegian officers said the 4th Harbour Brigade held the bridge at Brandt."
    assert _check(q, "brigade", told, "4th Harbour Brigade", absent=True).agreement is Agreement.MET


def test_a_question_without_modifiers_is_not_checked():
    c = _check("Which brigade held the bridge at Brandt?", "brigade",
               "The Swedish 4th Brigade held the bridge at Brandt on Monday.", "4th Brigade")
    assert c.agreement is Agreement.NOT_ASKED


def test_the_refusal_names_the_unmet_modifier():
    r = RefusalReason(Refusal.MODIFIER_UNMET, ("Norwegian brigade",), ("Swedish",))
    assert "Norwegian brigade" in r.message() and "Swedish" in r.message()


def test_a_capital_of_another_country_clashes_with_the_asked_nation():
    q = "Which Norwegian city hosted the summit of the Brandt alliance?"
    assert _check(q, "city", "The summit of the Brandt alliance was held in Stockholm.", "Stockholm").agreement \
        is Agreement.CLASH
    assert _check(q, "city", "The summit of the Brandt alliance was held in Oslo.", "Oslo").agreement is Agreement.MET


# ---------------------------------------------------------------- bracketed editorial insertions (session 19, debt)

@pytest.mark.parametrize("question,noun,sentence,other", [
    ("Which Peruvian official said the port would reopen?", "official",   # an insertion before the name
     "\"The port will reopen,\" [Chilean President] Ana Costa said on Tuesday.", "Chilean"),
    ("Which Peruvian general said the port would reopen?", "general",     # an insertion after the name
     "Ana Costa [the Chilean general] said the port would reopen.", "Chilean"),
    ("Which Peruvian runner won the race at Velm?", "runner",             # a parenthesis after the name
     "Ana Costa (Chile) won the race at Velm in record time.", "Chile"),
])
def test_a_nation_in_a_bracket_beside_the_name_clashes(question, noun, sentence, other):
    c = _check(question, noun, sentence, "Ana Costa")
    assert c.agreement is Agreement.CLASH and c.other == other


@pytest.mark.parametrize("question,sentence,absent", [
    ("Which Chilean official said the port would reopen?",   # the asked nation, in brackets, is given
     "\"The port will reopen,\" [Chilean President] Ana Costa said on Tuesday.", True),
    ("Which Peruvian official said the port would reopen?",  # a bracket away from the span is not its phrase
     "Ana Costa said the port [of Chilean exporters] would reopen.", False),
])
def test_a_bracket_that_gives_no_other_nation_keeps_the_answer(question, sentence, absent):
    assert _check(question, "official", sentence, "Ana Costa", absent).agreement is Agreement.MET
