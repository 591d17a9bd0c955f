"""qa.predicate_check: the asked verb and the asked type of a question, checked against the sentence about to be
cited (invented text, not from the seeds)."""
from __future__ import annotations

import pytest

from qa.config import Config
from qa.frames import Refusal, RefusalReason
from qa.parse import question_doc, question_frame
from qa.predicate_check import asked_predicate, asked_type, nospan


def _pred(q: str):
    p = asked_predicate(question_doc(q), question_frame(q))
    return p.lemma if p is not None else None


def _type(q: str):
    return asked_type(question_doc(q), question_frame(q))


@pytest.mark.parametrize("q,lemma", [
    ("How many sailors did Ana Ruiz say had deserted?", "desert"),
    ("Which gallery did the painters petition about the grant?", "petition"),
    ("When did the dockers' strike in Valmora end?", "end"),
])
def test_the_asked_verb_is_read_from_the_parse(q, lemma):
    assert _pred(q) == lemma


def test_light_and_reporting_verbs_ask_no_verb():
    assert _pred("What did the harbour master say about the ferries?") is None
    assert _pred("Who is the mayor of Valmora?") is None


@pytest.mark.parametrize("q,noun", [
    ("Which Norwegian regiment did the cadets join in March?", "regiment"),
    ("Which regional governor visited the flooded port?", "governor"),
])
def test_a_which_noun_names_the_answer_type(q, noun):
    assert _type(q) == noun


@pytest.mark.parametrize("q", [
    "Which part of the valley flooded first?",  # a portion of something the question names
    "Which kind of boat capsized near the pier?",  # too general to name a kind
    "What sort of deal did the unions sign?",  # no "which"
    "Which official approved the budget?",  # a person in general
    "How many ferries did the company buy?",  # a figure
])
def test_no_asked_type(q):
    assert _type(q) is None


def test_the_refusal_codes_say_what_is_missing():
    verb = RefusalReason(Refusal.PREDICATE_UNMET, ("petition",)).message()
    kind = RefusalReason(Refusal.TYPE_UNMET, ("regiment",)).message()
    assert "petition" in verb and "regiment" in kind
    assert Refusal("predicate_unmet") is Refusal.PREDICATE_UNMET and Refusal("type_unmet") is Refusal.TYPE_UNMET


HARBOUR = """Dock strike ends in Valmora

Dockworkers staged a march near the Valmora Maritime Court on 3 May, protesting the closure of the north pier.
The union said the march drew about 2,000 people.
Harbour officials said 40 cargo ships were delayed by the strike.
The Seventh Coastal Regiment has been stationed at the port since April, the ministry said.
Mayor Oskar Lind opened a new ferry terminal in June.
"""


@pytest.fixture(scope="module")
def harbour(engine_over):
    return engine_over({"harbour.txt": HARBOUR})


def _with(engine, **changes):
    return type(engine)(engine.store_path, config=Config().with_(**changes))


def test_a_verb_the_sentence_never_uses_refuses_with_the_gate_on(harbour):
    q = "Which court did the dockworkers petition about the pier?"
    on = _with(harbour, gate_predicate=True).ask(q)
    assert not on.answerable and on.refusal_code == Refusal.PREDICATE_UNMET.value
    assert "petition" in on.answer


def test_a_verb_the_sentence_uses_passes_the_gate(harbour):
    ans = _with(harbour, gate_predicate=True).ask("Near which court did the dockworkers stage a march?")
    assert ans.answerable and "Maritime Court" in ans.answer


def test_a_typed_question_with_no_span_of_its_type_refuses_when_its_verb_is_missing_too(harbour):
    q = "Which regiment did the dockworkers' union say had joined the strike?"
    on = _with(harbour, gate_type=True, gate_joint=True, gate_depth=1).ask(q)
    assert not on.answerable and on.refusal_code in (Refusal.TYPE_UNMET.value, Refusal.UNCOVERED.value)
    met = _with(harbour, gate_type=True, gate_joint=True, gate_depth=1).ask(
        "Which regiment has been stationed at the port since April?")
    assert met.answerable and "Seventh Coastal Regiment" in met.answer


def test_the_shipped_gate_is_the_joint_type_check():
    cfg = Config()
    assert cfg.gate_type and cfg.gate_joint and not cfg.gate_predicate and not cfg.gate_owner


def test_the_asked_verb_is_the_one_the_question_word_hangs_from():
    assert _pred("Which regiment did the cadets say they would join?") == "join"
    assert _pred("When did the harbour master open the north pier, which the storm had wrecked?") == "open"
    # "accuse X of ...": a reporting verb asks nothing a reporting verb in the passage would not meet
    assert _pred("Which family did the minister accuse of hoarding grain?") is None


def test_an_owner_the_sentence_never_names_refuses_with_the_owner_gate_on(harbour):
    q = "How many of Oskar Lind's ships were delayed by the strike?"
    off = harbour.ask(q)
    assert off.answerable and "40" in off.answer
    on = _with(harbour, gate_owner=True).ask(q)
    assert not on.answerable and on.refusal_code == Refusal.OWNER_UNMET.value and "Oskar Lind" in on.answer


def test_what_noun_names_the_answer_type_only_when_asked():
    q = "What vessel did the coastguard tow into the bay?"
    assert asked_type(question_doc(q), question_frame(q)) is None
    assert asked_type(question_doc(q), question_frame(q), what=True) == "vessel"
    p = "What did the coastguard tow into the bay?"  # "what" alone names no type
    assert asked_type(question_doc(p), question_frame(p), what=True) is None


def test_no_span_of_a_named_type_gives_the_typed_reason():
    q = "Which regiment escorted the convoy to Tarvik?"
    reason = nospan(question_doc(q), question_frame(q))
    assert reason is not None and reason.code is Refusal.TYPE_UNMET and reason.missing == ("regiment",)
    s = "What did the harbour master say about the convoy?"  # a statement: no type to miss
    assert nospan(question_doc(s), question_frame(s)) is None


def test_the_no_span_gate_refuses_a_typed_question_the_sentences_hold_no_span_for(harbour):
    q = "Which battalion guarded the north pier during the march?"
    # without qa.noun_spans: with it, the court the sentence names is taken as an instance of the untyped noun
    on = _with(harbour, gate_nospan=True, noun_spans=False).ask(q)
    assert not on.answerable and on.refusal_code in (Refusal.TYPE_UNMET.value, Refusal.UNCOVERED.value)
    met = _with(harbour, gate_nospan=True).ask("Which mayor opened a new ferry terminal in June?")
    assert met.answerable and "Oskar Lind" in met.short_answer


def test_the_no_span_gate_ships_with_noun_spans_only():
    cfg = Config()  # session 17 (tspan): gate_nospan on once qa.noun_spans finds the untyped nouns' spans
    assert cfg.gate_nospan and cfg.noun_spans and not cfg.gate_nospan_typed and not cfg.gate_type_what
