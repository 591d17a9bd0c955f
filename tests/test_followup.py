"""Follow-ups read against the previous answer (real spaCy parser; questions not from the seeds)."""
from __future__ import annotations

import pytest

from qa.followup import FollowUpKind, Turn, resolve, rewrite_followup, topics
from qa.types import Answer, Citation, Figure

FERRIES = "How many ferries sail from Portwick harbour?"
LAST = Turn(question=FERRIES, figure="40", speaker="the harbour master", doc_id="ferry_doc", title="Ferry report",
            outlet="Daily Bugle", date="2023-05")


@pytest.mark.parametrize("q", ["And who said that?", "Why?", "When was that?", "What did they say about it?",
                               "and how many were cancelled?"])
def test_leaning_question_without_history_asks_back(q):
    fu = resolve(q, [])
    assert fu.kind is FollowUpKind.NEEDS_REFERENT
    assert "earlier answer" in fu.ask_back or "refer to" in fu.ask_back


def test_ask_back_names_the_pronoun():
    assert "“that”" in resolve("And who said that?", []).ask_back


@pytest.mark.parametrize("q", [FERRIES, "Who said that 40 ferries sail daily?", "How many were cancelled?"])
def test_self_contained_question_without_history_is_searched_as_asked(q):
    fu = resolve(q, [])
    assert fu.kind is FollowUpKind.STANDALONE and fu.query == q


def test_pronoun_is_replaced_by_the_headline_figure_and_its_source_kept():
    fu = resolve("And who said that?", [LAST])
    assert fu.kind is FollowUpKind.REWRITTEN and fu.turn == LAST
    assert fu.query == "who said 40 ferries Portwick harbour (the harbour master)?"


@pytest.mark.parametrize("q", ["Why?", "When was that?"])
def test_bare_and_when_follow_ups_carry_figure_and_topic(q):
    fu = resolve(q, [LAST])
    assert fu.kind is FollowUpKind.REWRITTEN
    assert "40 ferries" in fu.query and "Portwick harbour" in fu.query and "harbour master" in fu.query


def test_how_many_follow_up_carries_the_topic_not_the_figure():
    fu = resolve("and how many were cancelled?", [LAST])
    assert fu.query == "how many ferries were cancelled in Portwick harbour?"


def test_question_with_its_own_topic_is_not_rewritten():
    assert resolve("How many buses run in Dunmore?", [LAST]).kind is FollowUpKind.STANDALONE


def test_topics_drop_wh_words_and_determiners():
    assert topics(FERRIES) == ["ferries", "Portwick harbour"]


def test_turn_from_answer_takes_the_first_figure_and_its_citation():
    c1 = Citation(1, "a", "A", "a#0", "q1", 0, 2, 0.9, outlet="X", date="2023-01")
    c2 = Citation(2, "b", "B", "b#0", "q2", 0, 2, 0.8, outlet="Y", date="2023-02")
    ans = Answer(question=FERRIES, mode="ask", answer="40 [2]", short_answer="40", answerable=True, verdict=None,
                 figures=(Figure("40", 40, 40, "the harbour master", "count", 2),), citations=(c1, c2))
    t = Turn.from_answer(ans)
    assert (t.figure, t.speaker, t.doc_id, t.outlet) == ("40", "the harbour master", "b", "Y")
    assert Turn.from_dict(t.to_dict()) == t
    refused = Answer(question=FERRIES, mode="ask", answer="no", short_answer=None, answerable=False, verdict=None)
    assert Turn.from_answer(refused) == Turn(question=FERRIES)


def test_rewrite_followup_keeps_the_engine_contract():
    assert rewrite_followup("and how many were cancelled?", [FERRIES]) == \
        "how many ferries were cancelled in Portwick harbour?"
    assert rewrite_followup("Who runs the ferries?", []) == "Who runs the ferries?"
