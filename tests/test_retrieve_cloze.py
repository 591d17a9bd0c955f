"""qa.retrieve.cloze_tail / the cloze bonus: fill-in-the-blank questions on invented text."""
import pytest

from qa.config import RetrievalConfig
from qa.retrieve import _cloze_gain, cloze_tail


def test_a_colon_question_continues_its_last_words():
    stem = cloze_tail("The glacier has been retreating since at least:")
    assert stem.search("Tarn Glacier has been retreating since at least 1952, surveyors said.")
    assert not stem.search("It is the least studied glacier since records began.")


def test_the_last_words_must_be_followed_by_a_word():
    stem = cloze_tail("The new study says the comet may have:")
    assert stem.search("The comet may have broken apart near the sun.")
    assert not stem.search("Which comet? It may have.")


def test_an_ordinary_question_has_no_cloze_stem():
    assert cloze_tail("How far has the glacier retreated since 1952?") is None


def test_the_gain_is_the_bonus_only_for_a_continuing_sentence():
    cfg = RetrievalConfig(cloze_bonus=0.05)
    stem = cloze_tail("The ferry service was suspended by:")
    assert _cloze_gain(stem, "The ferry service was suspended by the harbour board.", cfg) == pytest.approx(0.05)
    assert _cloze_gain(stem, "Ferries stopped running on Monday.", cfg) == 0.0
    assert _cloze_gain(None, "The ferry service was suspended by the harbour board.", cfg) == 0.0


def test_bad_settings_are_refused():
    with pytest.raises(ValueError, match="cloze_bonus"):
        RetrievalConfig(cloze_bonus=-1)
