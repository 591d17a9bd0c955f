"""qa.names on invented text: which names a corpus mentions, name variants, and what is not a variant."""
from __future__ import annotations

import pytest

from qa.names import CorpusNames, same_name, same_source

CORPUS = [
    "The Bureau of Labor Statistics (BLS) said payrolls rose in Norway and the United States.",
    "Mayor Ana Ortiz met Libyan officials to discuss Gaddafi's former estates near Iraq's border.",
    "Analysts in Bali expect tourism to recover.",
]


@pytest.fixture(scope="module")
def names() -> CorpusNames:
    return CorpusNames(CORPUS)


@pytest.mark.parametrize("name", [
    "Bureau of Labor Statistics", "BLS", "the US", "U.S.", "Norwegian", "Ana Ortiz", "Gadaffi", "Iraq",
])
def test_mentioned(names, name):
    assert names.mentions(name)


@pytest.mark.parametrize("name", ["Iran", "Mali", "Peru", "Lopez", "Sweden"])
def test_not_mentioned_short_names_are_not_fuzzy(names, name):
    assert not names.mentions(name)  # "Iran" is one letter from "Iraq", "Mali" from "Bali"


def test_alias_defined_in_the_corpus(names):
    assert "bls" in [a.lower() for a in names.aliases_for("Bureau of Labor Statistics")]


@pytest.mark.parametrize("a, b, same", [
    ("Ortiz", "Ana Ortiz", True),
    ("South Africa", "South African", True),
    ("North African", "South African", False),
])
def test_same_name(a, b, same):
    assert same_name(a, b) is same


def test_same_source_needs_the_one_word():
    assert same_source("Mayor Ana Ortiz", "Ortiz") and not same_source("Ana Ortiz", "Lopez")


def test_same_source_needs_the_head_word_of_a_described_source():
    # most words shared, but the head says what the source is
    assert not same_source("Freedonia's national news agency", "Freedonia's national president")
    assert same_source("the Freedonian national news agency", "Freedonia's national news agency")


@pytest.mark.parametrize("a, b, close", [
    ("miller", "miler", True),  # one letter dropped
    ("gaddafi", "gadaffi", True),  # letters swapped
    ("moreno", "moreno", True),
    ("iraq", "iran", False),  # too short to forgive a letter
    ("miller", "killer", False),  # another first letter
    ("santos", "santiago", False),  # lengths too far apart
])
def test_close_spelling_is_one_typo(a, b, close):
    from qa.names import close_spelling
    assert close_spelling(a, b) is close


def test_describe_locates_a_misspelt_name_with_the_names_rule():
    from qa.describe import _locate
    from qa.nlp import parsed
    doc = parsed("Senator Rosa Villanueva spoke to reporters on Friday.")
    assert _locate(doc, "Rosa Villanuva") == (1, 3)
    assert _locate(doc, "Rosa Vila") is None
