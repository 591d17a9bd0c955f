"""One demonym rule (qa.names.demonym_letters / demonym_pair) and one key per country (qa.gazetteer.nation_of,
canonical): invented words for the rule, real countries only where the countryinfo table is what is tested."""
from __future__ import annotations

import pytest

from qa.gazetteer import canonical, nation_of
from qa.modifier_agree import Agreement, check
from qa.names import demonym_letters, demonym_pair
from qa.nlp import parsed


@pytest.mark.parametrize("demonym,place,letters", [
    ("wirenian", "wirenia", 6),   # -an on a name in -ia
    ("ostrian", "ostria", 5),
    ("brekian", "brek", 4),       # -ian on the whole name
    ("velmese", "velm", 4),       # -ese on the whole name
    ("velmegian", "velmay", 4),   # the stem changes the name's end
    ("wirenia", "wirenian", 0),   # the place is the shorter word
    ("brandt", "bran", 0),        # no demonym ending
    ("velian", "vel", 0),         # a stem of three letters says nothing
    ("ostrian", "ostrianburg", 0),
])
def test_demonym_letters(demonym, place, letters):
    assert demonym_letters(demonym, place) == letters


@pytest.mark.parametrize("a,b,pair", [
    ("wirenian", "wirenia", True),
    ("wirenia", "wirenian", True),   # either order
    ("brekian", "brek", True),
    ("velmegian", "velmay", True),
    ("wirenian", "wirenian", False),  # one word is no pair
    ("brandt", "brand", False),
    ("norwegian", "norway", True),    # a changed end, real
    ("brazilian", "brazil", True),    # the whole name, real
    ("nigerian", "nigeria", True),
    ("nigerian", "niger", False),     # a country fits it better
])
def test_demonym_pair(a, b, pair):
    assert demonym_pair(a, b) is pair


@pytest.mark.parametrize("word,key", [
    ("Norwegian", "norway"), ("Danish", "denmark"), ("Filipino", "philippines"), ("Brazilian", "brazil"),
    ("German", "germany"),           # countryinfo's demonym (the stem rule does not reach it)
    ("Nigerian", "nigeria"),
    ("Norway", "norway"), ("Kingdom of Norway", "norway"), ("NOR", "norway"), ("NO", "norway"),
    ("U.S.", "united states"), ("USA", "united states"), ("United States of America", "united states"),
    ("American", "united states"),
    ("Holland", "netherlands"), ("Dutch", "netherlands"),
    ("Myanmar", "burma"), ("Burma", "burma"),  # two entries of the table, one country
])
def test_nation_of_gives_one_key_per_country(word, key):
    assert nation_of(word) == key


@pytest.mark.parametrize("word", ["Brandt", "Francis", "Malik", "Republican", "Oslo", "no", "norwegian",
                                  "Wirenian"])
def test_nation_of_is_none_for_other_words(word):
    assert nation_of(word) is None  # a name, a party, a capital, a lower-case word, a country no table knows


def test_canonical_reads_codes_in_capitals_only():
    assert canonical("the US") == canonical("United States") == "united states"
    assert canonical("no") is None and canonical("us") is None
    assert canonical("Oslo") is None


def _check(q: str, s: str, span: str):
    a = s.index(span)
    return check(parsed(q), "brigade", s, a, a + len(span)).agreement


def test_two_spellings_of_one_nation_agree():
    q = "Which Dutch brigade held the bridge at Brandt?"
    assert _check(q, "The 4th Brigade of Holland held the bridge at Brandt on Monday.", "4th Brigade") \
        is Agreement.MET


def test_two_nations_sharing_a_first_word_clash():
    q = "Which South Korean brigade held the bridge at Brandt?"
    assert _check(q, "The South African 4th Brigade held the bridge at Brandt on Monday.", "4th Brigade") \
        is Agreement.CLASH


# ---------------------------------------------------------------- one demonym table (qa.gazetteer) for clashes and lists

@pytest.mark.parametrize("name,key", [
    ("norway", "norway"), ("the netherlands", "netherlands"),   # a country's spelling, any case
    ("u.s.", "united states"), ("uk", "united kingdom"),       # a dotted code, a several-word country's initials
    ("american", "united states"), ("dutch", "netherlands"),   # an irregular demonym, countryinfo's table
    ("welsh", "wales"), ("wales", "wales"),                    # a place the lexicon's table names, not countryinfo's
])
def test_nation_named_reads_lower_cased_names(name, key):
    from qa.gazetteer import nation_named

    assert nation_named(name) == key


@pytest.mark.parametrize("name", ["no", "it", "car", "wirenian", "harbour", ""])
def test_nation_named_is_none_for_other_words(name):
    from qa.gazetteer import nation_named

    assert nation_named(name) is None  # a bare two-letter word is no code; no regular-demonym guess


def test_demonyms_of_a_place():
    from qa.gazetteer import demonyms_of

    assert demonyms_of("netherlands") == {"dutch"}
    assert "american" in demonyms_of("united states")
    assert demonyms_of("wirenia") == frozenset()


@pytest.mark.parametrize("name,aliases", [
    ("american", ["united states"]),
    ("u.s.", ["united states", "american"]),
    ("holland", ["netherlands", "dutch"]),   # another spelling of the country: its key, then its demonyms
    ("wirenia", []),                         # no country of the tables: the regular rule is demonym_pair's
])
def test_demonym_aliases_come_from_the_gazetteer(name, aliases):
    from qa.clashes import demonym_aliases

    assert demonym_aliases(name) == aliases


def test_name_met_by_another_spelling_of_the_country():
    from qa.clashes import name_met

    assert name_met("holland", "Dutch inspectors visited the Velm harbour on Monday.")
    assert not name_met("holland", "Wirenian inspectors visited the Velm harbour on Monday.")


def test_is_demonym_reads_the_one_table():
    from qa.gazetteer import is_demonym

    assert is_demonym("swiss") and is_demonym("Dutch") and is_demonym("peruvian")  # irregular, countryinfo's
    assert not is_demonym("wirenian") and not is_demonym("harbour")
