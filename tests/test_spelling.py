"""Spelling correction against a store's own words (qa.spelling) and the WordPiece oracle (index.embed)."""
from index.embed import HashEmbedder, wordpiece_words
from qa.spelling import Speller

CORPUS = [
    "The harbour authority said the new breakwater would protect the fishing fleet.",
    "Engineer Lotta Millerand told reporters the threshold for closing the port is a wave of four metres.",
    "The miles of coastline were surveyed by volunteers.",
]
KNOWN = frozenset("harbor the for role rule said new would of is a by were told wave port harbour fleet".split())


def test_misspelt_store_words_are_corrected():
    sp = Speller(CORPUS, KNOWN)
    assert sp.correct("harbor authorty treshold") == "harbor authority threshold"
    assert sp.correct("Milerand harbour") == "Millerand harbour"  # case of the first letter kept
    assert sp.correct("who is lotta milerand") == "who is lotta millerand"  # typed in lower case


def test_a_capitalised_name_in_a_cased_question_is_left_as_written():
    sp = Speller(CORPUS, KNOWN)
    assert sp.correct("Who is Lotta Milerand?") == "Who is Lotta Milerand?"  # a name the writer typed as one


def test_known_english_words_and_short_words_are_left_alone():
    sp = Speller(CORPUS, KNOWN)
    assert sp.correct("what role did the fleet play") == "what role did the fleet play"  # 'role' is a known word
    assert sp.suggest("wav") is None  # below min_length: too short to judge
    assert sp.suggest("zzzzzzz") is None  # nothing close


def test_ties_broken_by_character_overlap_then_refused_when_equal():
    sp = Speller(["miles millet"] * 2 + ["miller"], frozenset({"the"}))
    assert sp.suggest("miler") == "miller"  # an inserted letter beats a changed one (higher ratio)
    sp = Speller(["banter", "banker"], frozenset({"the"}))
    assert sp.suggest("banxer") is None  # two equally good candidates: no guess


def test_no_vocabulary_no_correction():
    assert Speller(CORPUS, frozenset()).correct("authorty treshold") == "authorty treshold"
    assert HashEmbedder().known_words() == frozenset()


def test_wordpiece_words_reads_whole_lower_case_words(tmp_path):
    (tmp_path / "vocab.txt").write_text("[PAD]\n##ing\nrole\nRome\nrule\n42\n", encoding="utf-8")
    assert wordpiece_words(tmp_path) == frozenset({"role", "rule"})
    assert wordpiece_words(tmp_path / "missing") == frozenset()


def test_the_store_vocabulary_is_counted_only_when_a_word_needs_it():
    read = []

    def texts():
        read.append(True)
        yield from CORPUS

    sp = Speller(texts(), KNOWN)
    assert sp.correct("the new harbour fleet said") == "the new harbour fleet said"  # known words only
    assert read == []
    assert sp.correct("authorty") == "authority" and read == [True]
    assert sp.warm() == len({w.lower() for t in CORPUS for w in t.replace(".", "").split() if len(w) >= 3})



def test_an_inflection_of_a_known_word_is_not_a_typo():
    # "rescuers" is no word of the store nor a WordPiece word, but it is the known "rescue" + "rs": it was turned
    # into the store's "rescued" (another word: the act, not the people). A typo of a store word is still fixed.
    sp = Speller(CORPUS + ["The hikers were rescued by surveyed crews."], KNOWN | {"survey", "hike", "rescue"})
    assert sp.correct("what did the harbour authority say about the rescuers") == \
        "what did the harbour authority say about the rescuers"
    assert sp.suggest("surveyers") is None  # survey + ers
    assert sp.suggest("hikerss") == "hikers"  # "hikers" is no known word: a typo of the store's word
    assert sp.suggest("rescuedd") == "rescued"


def test_a_derivation_of_a_known_word_is_not_a_typo_in_a_large_store():
    # A store of many articles always holds some word an edit or two from a correct word it does not use:
    # "defections" of the store is 2 edits from "deflections"; "deflect" is known, so "deflections" is a word.
    texts = ["The party suffered defections and the reader wrote to the chairman.",
             "The runway lights were upgraded at the harbour."]
    known = KNOWN | {"deflect", "country", "tidy", "organize", "post", "position", "chairman"}
    on = Speller(texts, known, derived=True)
    off = Speller(texts, known)
    assert off.suggest("deflections") == "defections"
    assert on.suggest("deflections") is None  # deflect + ions
    assert on.suggest("countrymen") is None  # country + men
    assert on.suggest("tidier") is None  # tidy, y -> i
    assert on.suggest("organises") is None  # British -ise of the known "organize(s)"
    # a typo whose ending a known word shares one edit away stays a typo: "postion" of "position", not post + ion
    assert on._derived("postion") is False
    assert on._derived("deflections") is True


def test_derivations_are_not_read_unless_switched_on():
    sp = Speller(["The reader wrote."], KNOWN | {"ready"})
    assert sp.suggest("readier") == "reader"
    assert Speller(["The reader wrote."], KNOWN | {"ready"}, derived=True).suggest("readier") is None
