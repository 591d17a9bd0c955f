"""qa.choose: the sentence that answers over the one that echoes the question (invented text only)."""
from __future__ import annotations

from types import SimpleNamespace

from index.lexical import tokenize
from index.types import Sentence
from qa.choose import echoes, new_terms, prefer_answers
from qa.config import DEFAULT
from qa.frames import AnswerType
from qa.retrieve import Evidence, query_terms


class _Store:
    def __init__(self, texts: list[str]) -> None:
        self.sentences = [Sentence(id=f"s{i}", doc_id=f"d{i}", chunk_id=f"c{i}", index=0, start=0, end=len(t), text=t)
                          for i, t in enumerate(texts)]

    def sentence_terms(self, row: int) -> frozenset[str]:
        return frozenset(tokenize(self.sentences[row].text))


class _Reader:
    """The two things qa.choose reads: the store's terms and, for typed questions, span frames."""

    def __init__(self, texts: list[str], spans: dict[int, list[str]] | None = None) -> None:
        self.store = _Store(texts)
        self._spans = spans or {}

    def frames(self, rows):
        return [SimpleNamespace(row=r) for r in rows]


def _ev(store: _Store, row: int, score: float) -> Evidence:
    return Evidence(store.sentences[row], row, score, score, 0.0, 0)


QUESTION = "Which spice has risen most in price at the Talvern markets this spring?"
TEXTS = ["Spice prices have risen at the Talvern markets this spring.",
         "Saffron led the increase, doubling after a poor harvest in the eastern valleys."]


def test_echo_is_a_sentence_that_adds_almost_nothing():
    r = _Reader(TEXTS)
    q = query_terms(QUESTION)
    assert new_terms(_ev(r.store, 0, 0.7), q, r) < 3 <= new_terms(_ev(r.store, 1, 0.6), q, r)
    assert echoes(_ev(r.store, 0, 0.7), q, r, 3) and not echoes(_ev(r.store, 1, 0.6), q, r, 3)


def test_echo_penalty_puts_the_answer_first():
    r = _Reader(TEXTS)
    evs = [_ev(r.store, 0, 0.70), _ev(r.store, 1, 0.62)]
    qf = SimpleNamespace(answer_type=AnswerType.OTHER)
    cfg = DEFAULT.with_(echo_penalty=0.1, echo_min_new=3, typed_bonus=0.0)
    out = prefer_answers(qf, QUESTION, evs, r, cfg)
    assert [e.row for e in out] == [1, 0]
    assert abs(out[1].score - 0.60) < 1e-9 and out[0].score == 0.62


def test_nothing_moves_when_the_adjustments_are_off():
    r = _Reader(TEXTS)
    evs = [_ev(r.store, 0, 0.70), _ev(r.store, 1, 0.62)]
    qf = SimpleNamespace(answer_type=AnswerType.OTHER)
    assert prefer_answers(qf, QUESTION, evs, r, DEFAULT.with_(echo_penalty=0.0, typed_bonus=0.0)) is evs


def test_typed_bonus_lifts_a_sentence_naming_the_expected_type(monkeypatch):
    import qa.choose as C

    texts = ["The festival drew record crowds this year, organisers said.",
             "Crowds filled the square in Morvane for the festival's closing night."]
    r = _Reader(texts)
    evs = [_ev(r.store, 0, 0.66), _ev(r.store, 1, 0.60)]
    qf = SimpleNamespace(answer_type=AnswerType.PLACE, wants_list=False)
    monkeypatch.setattr(C, "typed", lambda q: True)
    monkeypatch.setattr(C, "spans_in", lambda q, frame: ["Morvane"] if frame.row == 1 else [])
    out = prefer_answers(qf, "In which town did the festival's closing night draw crowds?", evs, r,
                         DEFAULT.with_(echo_penalty=0.0, typed_bonus=0.1))
    assert [e.row for e in out] == [1, 0]
    untyped = SimpleNamespace(answer_type=AnswerType.OTHER, wants_list=False)
    monkeypatch.setattr(C, "typed", lambda q: False)
    assert [e.row for e in prefer_answers(untyped, "What happened?", evs, r,
                                          DEFAULT.with_(echo_penalty=0.0, typed_bonus=0.1))] == [0, 1]


def test_typed_bonus_leaves_list_questions_alone(monkeypatch):
    import qa.choose as C

    texts = ["Floods closed roads across the northern valleys on Monday, officials said.",
             "Crews were sent to Morvane after the river rose."]
    r = _Reader(texts)
    evs = [_ev(r.store, 0, 0.66), _ev(r.store, 1, 0.60)]
    monkeypatch.setattr(C, "typed", lambda q: True)
    monkeypatch.setattr(C, "spans_in", lambda q, frame: ["Morvane"] if frame.row == 1 else [])
    cfg = DEFAULT.with_(echo_penalty=0.0, typed_bonus=0.1)
    listing = SimpleNamespace(answer_type=AnswerType.PLACE, wants_list=True)
    assert [e.row for e in prefer_answers(listing, "Which towns were flooded?", evs, r, cfg)] == [0, 1]
    single = SimpleNamespace(answer_type=AnswerType.PLACE, wants_list=False)
    assert [e.row for e in prefer_answers(single, "Which town were crews sent to?", evs, r, cfg)] == [1, 0]
