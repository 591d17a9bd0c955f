"""qa.rank_roles: the ranker's role features (invented text only; spaCy parses the frames)."""
from __future__ import annotations

from qa.parse import question_frame
from qa.rank_roles import ALL_ROLE_FEATURES, is_headline, new_entity_count, role_values

COL = {f: i for i, f in enumerate(ALL_ROLE_FEATURES)}


def _row(question: str, frame, share: float = 0.5, index: int = 3):
    values = role_values(question_frame(question), frame, share, index)
    return tuple(values[name] for name in ALL_ROLE_FEATURES)


def test_reason_given_only_for_a_why_question(frames):
    f = frames("The council closed the Wirenet bridge to repair its cables.")
    assert _row("Why did the council close the Wirenet bridge?", f)[COL["reason_given"]] == 1.0
    assert _row("When did the council close the Wirenet bridge?", f)[COL["reason_given"]] == 0.0
    g = frames("The council closed the Wirenet bridge on Monday.")
    assert _row("Why did the council close the Wirenet bridge?", g)[COL["reason_given"]] == 0.0


def test_the_question_verb_as_a_verb_and_a_new_doer(frames):
    q = "Which agency reported the fire at the Ledger depot?"
    said = frames("The Oslo Fire Agency reported the fire at the Ledger depot late on Friday.")
    noun = frames("Reports of a fire at the Ledger depot spread on Friday.")
    r, n = _row(q, said), _row(q, noun)
    assert r[COL["event_predicate"]] == 1.0 and n[COL["event_predicate"]] == 0.0
    assert r[COL["new_doer"]] == 1.0 and n[COL["new_doer"]] == 0.0


def test_the_question_subject_as_the_sentence_subject(frames):
    q = "When did Maria Brandt open the Wirenet plant?"
    subject = frames("Maria Brandt opened the Wirenet plant in March.")
    object_ = frames("Workers greeted Maria Brandt at the plant in March.")
    assert _row(q, subject)[COL["subject_named"]] == 1.0
    assert _row(q, object_)[COL["subject_named"]] == 0.0


def test_restates_and_new_entities(frames):
    q = "Did Maria Brandt open the Wirenet plant?"
    qf = question_frame(q)
    echo = frames("Maria Brandt opened the Wirenet plant.")
    more = frames("Maria Brandt opened the Wirenet plant with Oslo's mayor Tomas Lind in March.")
    assert new_entity_count(qf, echo) == 0 and new_entity_count(qf, more) >= 2
    assert _row(q, echo, 0.8)[COL["restates"]] == 0.8 and _row(q, more, 0.8)[COL["restates"]] == 0.0
    assert _row(q, more)[COL["new_entities"]] > _row(q, echo)[COL["new_entities"]] == 0.0


def test_headline_is_an_unpunctuated_first_sentence():
    assert is_headline("Brandt opens Wirenet plant in Oslo", 0)
    assert not is_headline("Brandt opened the Wirenet plant in Oslo.", 0)
    assert not is_headline("Brandt opens Wirenet plant in Oslo", 2)
    assert not is_headline("“We are ready,” Brandt said”", 0)


def test_the_ranker_reads_the_chosen_role_features_in_order(frames):
    from qa.rank_features import FEATURES
    from qa.rank_roles import ROLE_FEATURES, role_row

    assert FEATURES[-len(ROLE_FEATURES):] == ROLE_FEATURES and set(ROLE_FEATURES) <= set(ALL_ROLE_FEATURES)
    f = frames("The council closed the Wirenet bridge to repair its cables.")
    qf = question_frame("Why did the council close the Wirenet bridge?")
    values = role_values(qf, f, 0.5, 3)
    assert role_row(qf, f, 0.5, 3) == tuple(values[n] for n in ROLE_FEATURES)
