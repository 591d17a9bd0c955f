"""Short answers that are common nouns or unlabelled names (session 18, nospan): qa.kind_spans read by
qa.noun_spans, and abbreviated person titles ("Rep.", "Sen.") in qa.noun_spans.titled_names. Invented text only."""
from __future__ import annotations

from dataclasses import replace

import pytest

from qa.config import SPANS, SpanConfig
from qa.describe import sentence_doc
from qa.kind_spans import classed_spans, compound_spans, instance_spans
from qa.nlp import pipeline
from qa.noun_spans import noun_spans_in, titled_names
from qa.parse import evidence_frame, question_frame

ON = replace(SPANS, kind_compounds=True, kind_classed=True, kind_instance_sim=0.6, title_abbreviations=True)


class _Vectors:
    """A word cache with a few invented closenesses: ``close`` maps (noun, word) to a similarity."""

    def __init__(self, close=None):
        self.close = close or {}

    def nearest(self, word, cands):
        return max((self.close.get((word, c), 0.0) for c in cands), default=0.0)


def _texts(text: str, ranges) -> list[str]:
    return [text[a:b] for a, b in ranges]


def _spans(q: str, noun: str, text: str, sc: SpanConfig = ON, words=None) -> list[str]:
    frame = evidence_frame(pipeline()(text), "s")
    return [sp.text for sp in noun_spans_in(question_frame(q), noun, frame, words or _Vectors(), 0.62, sc)]


def test_a_lower_case_compound_the_noun_heads_is_a_kind():
    text = "Officials in Wirenet added sesame seeds to the list on Monday."
    assert _texts(text, compound_spans(sentence_doc(text), "seed")) == ["sesame seeds"]


def test_a_bare_noun_heads_no_compound():
    text = "Officials in Wirenet added the seeds to the list on Monday."
    assert compound_spans(sentence_doc(text), "seed") == []


def test_the_copula_puts_the_subject_in_the_nouns_class():
    text = "Fans across Wirenet say tennis is a sport for everyone."
    assert "tennis" in _texts(text, classed_spans(sentence_doc(text), "sport", _Vectors(), 0.62))


def test_apposition_puts_the_name_in_the_nouns_class():
    text = "The probe reached Mars, the red planet, on Monday."
    assert "Mars" in _texts(text, classed_spans(sentence_doc(text), "planet", _Vectors(), 0.62))


def test_such_as_lists_members_of_the_class():
    text = "The club in Oslo plays sports such as rugby and cricket."
    got = _texts(text, classed_spans(sentence_doc(text), "sport", _Vectors(), 0.62))
    assert "rugby" in got and "cricket" in got


def test_and_other_puts_the_first_conjunct_in_the_class():
    text = "Oslo banned octopus and other sea creatures from the market."
    assert "octopus" in _texts(text, classed_spans(sentence_doc(text), "creature", _Vectors(), 0.62))


def test_a_sentence_without_the_noun_classes_nothing():
    text = "Fans across Wirenet say tennis is popular."
    assert classed_spans(sentence_doc(text), "sport", _Vectors(), 0.62) == []


def test_a_word_close_by_vector_is_an_instance_but_not_with_a_determiner():
    words = _Vectors({("sport", "tennis"): 0.7, ("sport", "match"): 0.7})
    text = "Brandt played tennis before the match in Oslo."
    got = _texts(text, instance_spans(sentence_doc(text), "sport", words, 0.6))
    assert got == ["tennis"]  # "the match" mentions an event, it names no sport


def test_a_word_below_the_instance_threshold_is_not_taken():
    words = _Vectors({("sport", "tennis"): 0.5})
    text = "Brandt played tennis in Oslo."
    assert instance_spans(sentence_doc(text), "sport", words, 0.6) == []
    assert instance_spans(sentence_doc(text), "sport", _Vectors({("sport", "tennis"): 0.9}), 0.0) == []


def test_noun_spans_reads_the_kind_rules_only_when_switched_on():
    q, text = "Which seed did Wirenet add to the allergen list?", "Wirenet added sesame seeds to the list."
    assert "sesame seeds" in _spans(q, "seed", text)
    assert "sesame seeds" not in _spans(q, "seed", text, replace(SPANS, kind_compounds=False))


def test_the_questions_own_kind_is_no_answer():
    q = "Which sea creature did Oslo ban?"
    got = _spans(q, "creature", "Oslo banned octopus and other sea creatures from the market.")
    assert got and got[0] == "octopus"
    assert "sea creatures" not in got


def test_an_abbreviated_legislators_title_answers_which_lawmaker():
    text = "Rep. Ana Costa and Sen. Tom Brandt met the envoy."
    got = _texts(text, titled_names(text, "lawmaker", _Vectors(), 0.62, abbreviations=True))
    assert got == ["Ana Costa", "Tom Brandt"]
    assert titled_names(text, "lawmaker", _Vectors(), 0.62) == []


def test_an_abbreviated_title_of_another_office_does_not_answer():
    text = "Gov. Ana Costa met the envoy in Oslo."
    assert titled_names(text, "lawmaker", _Vectors(), 0.62, abbreviations=True) == []
    got = _texts(text, titled_names(text, "governor", _Vectors(), 0.62, abbreviations=True))
    assert got == ["Ana Costa"]


def test_kind_instance_sim_is_checked():
    with pytest.raises(ValueError):
        SpanConfig(kind_instance_sim=1.5)


def test_a_lower_case_compound_of_a_close_word_is_no_kind_of_the_noun():
    text = "Almost 900 infantry troops trained near Oslo."
    assert compound_spans(sentence_doc(text), "brigade") == []  # the rule reads the noun's stem, no word vector


def test_a_hyphenated_name_after_an_abbreviated_title_stays_whole():
    text = "Rep. Ana Lind-berg told reporters in Oslo."
    got = _texts(text, titled_names(text, "lawmaker", _Vectors(), 0.62, abbreviations=True))
    assert got == ["Ana Lind-berg"]


def test_including_after_a_compound_of_the_noun_lists_members():
    text = "Wirenet sent long-range artillery systems to Oslo, including heavy howitzers."
    got = _texts(text, classed_spans(sentence_doc(text), "artillery", _Vectors(), 0.62))
    assert any("howitzers" in g for g in got)


@pytest.mark.parametrize("what_nouns, asked", [(False, []), (True, ["artillery"])])
def test_what_nouns_asks_the_noun_span_search_for_what_questions(monkeypatch, what_nouns, asked):
    import qa.noun_spans
    import qa.predicate_check as P
    from qa.config import Config
    from qa.nlp import parsed

    seen = []
    monkeypatch.setattr(qa.noun_spans, "noun_span", lambda qf, noun, *a, **k: seen.append(noun))
    monkeypatch.setattr(P, "gate", lambda qf, doc, best, *a, **k: P.GateResult(best[0], None))
    q = "What artillery has Wirenet delivered to Oslo?"
    reason, best, named = P.gate_sentences(question_frame(q), parsed(q), ["first"], None, [], None, None, Config(),
                                           replace(SPANS, what_nouns=what_nouns))
    assert reason is None and seen == asked
