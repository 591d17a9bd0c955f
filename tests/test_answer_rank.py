"""Answer ranking for news questions (qa.rank, qa.answer, qa.spans) on invented text: nothing from
the seeds or the benchmarks."""
from __future__ import annotations

import json

import numpy as np
import pytest

from index.types import Sentence
from qa.config import DEFAULT
from qa.retrieve import Evidence, diversify


def _ev(row: int, doc: str, score: float, text: str | None = None) -> Evidence:
    text = text or f"Sentence number {row} of article {doc} says something."
    return Evidence(Sentence(f"{doc}-{row}", doc, f"{doc}-c0", row, 0, len(text), text), row, score, score, 0.0, 0)


def test_one_sentence_per_article_lets_another_article_in():
    ev = [_ev(0, "a", 0.9), _ev(1, "a", 0.85), _ev(2, "b", 0.6), _ev(3, "c", 0.5)]
    assert [e.sentence.doc_id for e in diversify(ev, 3, per_article=1)] == ["a", "b", "c"]
    assert [e.sentence.doc_id for e in diversify(ev, 3, per_article=2)] == ["a", "a", "b"]
    assert DEFAULT.answer_per_article == 1


def test_a_year_inside_a_noun_phrase_is_not_the_date_asked_for():
    from qa.parse import FrameCache, question_frame
    from qa.spans import spans_in

    text = "The deadline to renew 2024 fishing permits is Friday, March 14, the harbour office said."
    frame = FrameCache(10).get([("s1", text)])[0]
    qf = question_frame("When is the deadline to renew fishing permits?")
    assert spans_in(qf, frame)[0].text.startswith("Friday")


def test_the_ranker_keeps_the_level_of_the_scores_and_follows_its_weights():
    from qa.rank import FEATURES, AnswerRanker, Candidate

    names = ("score", "typed_span")
    model = AnswerRanker(names, np.zeros(2), np.ones(2), np.array([1.0, 0.5]), 0.0)
    x = [[0.0] * len(FEATURES) for _ in range(2)]
    x[0][0], x[1][0] = 0.60, 0.55
    x[1][FEATURES.index("typed_span")] = 1.0  # only the second holds a span of the asked type
    cands = [Candidate(_ev(0, "a", 0.60), tuple(x[0])), Candidate(_ev(1, "b", 0.55), tuple(x[1]))]
    out = model.adjust(cands, cap=1.0)
    assert [e.row for e in out] == [1, 0]
    assert sum(e.score for e in out) == pytest.approx(0.60 + 0.55)  # re-ordered, same mean level
    capped = model.adjust(cands, cap=0.01)
    assert max(abs(a.score - b.score) for a, b in zip(sorted(capped, key=lambda e: e.row), (c.evidence for c in cands))) \
        <= 0.01 + 1e-9


def test_weights_naming_unknown_features_are_refused():
    from qa.rank import AnswerRanker

    with pytest.raises(ValueError, match="refit"):
        AnswerRanker.from_dict({"features": ["score", "shoe_size"], "mean": [0, 0], "scale": [1, 1],
                                "coef": [1, 1], "intercept": 0})


def test_committed_weights_load_and_name_their_fitting_command():
    from qa.rank import WEIGHTS, AnswerRanker

    doc = json.loads(WEIGHTS.read_text(encoding="utf-8"))
    assert "qa.eval.train_answer_rank" in doc["command"] and "tune" in doc["fitted_on"]
    assert AnswerRanker.from_dict(doc).features[0] == "score"


def test_headline_fragments_are_told_from_sentences():
    from qa.rank import _headline

    assert _headline("Harbour bridge reopens after repairs")
    assert _headline("Live updates: harbour bridge reopens")
    assert _headline("Harbour bridge reopens after ...")
    assert not _headline("The harbour bridge reopened on Friday, officials said.")


BRIDGE = """Kessling harbour bridge reopens after repairs

The Kessling harbour bridge reopened on Friday after years of closure, city officials said.
The ferry company Nordlys Lines said it would cut two of its four daily crossings.
Film actor Dana Whitlow was seen cycling across the bridge on its first morning.
"""
TUNNEL = """Kessling tunnel plan shelved

Kessling council shelved the harbour tunnel plan on Tuesday because the bridge reopened.
Mayor Rita Oakes said the council would spend the money on schools instead.
"""


@pytest.fixture(scope="module")
def engine(engine_over):
    return engine_over({"bridge.txt": BRIDGE, "tunnel.txt": TUNNEL})


def test_the_answer_cites_more_than_one_article(engine):
    ans = engine.ask("What happened after the Kessling harbour bridge reopened?")
    assert ans.answerable
    assert len({c.doc_id for c in ans.citations}) >= 2


def test_the_ranker_runs_when_switched_on(engine):
    from qa.answer import compose_ask
    from qa.reader import Reader

    found = engine._search("Which ferry company will cut crossings after the bridge reopened?", None)
    out = compose_ask(found.query, found.retrieval, Reader(found.store, engine._frames), engine.words, engine.names,
                      DEFAULT.with_(answer_ranker=True), engine.dates, engine.time_config)
    assert out.answerable and "Nordlys" in out.answer


def test_the_grid_reads_config_fields_with_their_types():
    from qa.eval.rtqa_grid import grid

    settings = grid(["answer_per_article=1,2", "typed_context_first=false,true", "answer_window=0.25"])
    assert len(settings) == 4
    assert {"answer_per_article": 2, "typed_context_first": True, "answer_window": 0.25} in settings
    assert all(isinstance(s["typed_context_first"], bool) and isinstance(s["answer_per_article"], int) for s in settings)
    with pytest.raises(SystemExit):
        grid(["no_such_field=1"])
