"""The refusal's signals in one place (qa.refusal) and the learned answerability model (qa.refusal_model), on
invented text (nothing from the seeds or the benchmarks)."""
from __future__ import annotations

import json
import math

import pytest

from qa.config import Config
from qa.frames import AnswerType, Refusal, RefusalReason
from qa.names import initialism, names_initials
from qa.refusal import TRACE, Signals, rule_refusal

HARBOUR = """Harbour strike in Velmar

Harbour master Irene Castell said on Monday that 40 cranes stood idle at the port of Velmar.
Dockworkers told the Coastal Herald they would stay away until the pay dispute was settled.
The Velmar Shipping Guild estimated that 12 ships were waiting outside the harbour.
The guild's chairman, Tomas Brek, said the strike had cost the port 3 million euros a week.
"""

QUESTIONS = ["How many cranes stood idle at the port of Velmar?",
             "Who chairs the Velmar Shipping Guild?",
             "What did Irene Castell say about the ferry timetable?",
             "How many giraffes live in the Velmar zoo?",
             "What did the Quorvian ambassador say about the strike?"]


def _sig(**kw) -> Signals:
    base = dict(absent=(), has_evidence=True, top=0.6, top_dense=0.6, found_dense=0.0, typed=False, found=False,
                share_raw=0.0, share=0.0, n_missing=0, focus_missing=False, paraphrase=False, covered=True,
                missing=(), unmet=None, answer_type=AnswerType.OTHER, asks_statement=False)
    return Signals(**(base | kw))


def test_rule_cascade_order_names_evidence_coverage_constraints():
    unmet = RefusalReason(Refusal.NO_STATEMENT, ("Ana Ruiz",))
    assert rule_refusal(_sig(absent=("Quorvia",), has_evidence=False)).code is Refusal.ENTITY_NOT_IN_CORPUS
    assert rule_refusal(_sig(has_evidence=False, covered=False)).code is Refusal.NO_EVIDENCE
    got = rule_refusal(_sig(covered=False, missing=("giraffes", "zoo"), unmet=unmet))
    assert got.code is Refusal.UNCOVERED and got.missing == ("giraffes", "zoo")
    assert rule_refusal(_sig(unmet=unmet)) is unmet
    assert rule_refusal(_sig()) is None


def _echo(span: str, question: str) -> bool:
    return names_initials(question, initialism(span), part=True)  # the span_echo signal (qa.refusal)


def test_an_abbreviation_of_a_name_the_question_spells_out_is_its_echo():
    assert _echo("VSG", "Who chairs the Velmar Shipping Guild?")
    assert _echo("OPA", "Who leads the Ostra Port Authority today?")
    assert _echo("VSG", "Who chairs the Velmar Shipping Guild Council?")  # a stretch of the name
    assert not _echo("VSG", "Who chairs the guild in Velmar?")  # not spelled out
    assert not _echo("VSG", "Who in Velmar chairs the guild of Shipping Gate?")  # not one name
    assert not _echo("Brek", "Who chairs the Velmar Shipping Guild?")  # not an abbreviation


def test_the_weights_file_loads_and_matches_the_features_and_the_config():
    from qa.refusal_model import WEIGHTS, features, load, p_answerable

    from qa.refusal_model import RANK_FEATURES, reads_rank

    data = load(str(WEIGHTS))
    every = set(features(_sig()))  # the written model reads signals features() gives (not always all of them)
    assert set(data["features"]) <= every
    assert reads_rank() == bool(set(data["features"]) & set(RANK_FEATURES))
    assert Config().refusal_min_p == data["threshold"]  # the threshold train_refusal chose on the tune splits
    assert set(data["sets"]) >= {"v3", "v8", "rtqa-tune"} and "v11" not in data["sets"]  # v9, v10: tune sets since s17
    assert 0.0 <= p_answerable(_sig()) <= 1.0
    no_passage = _sig(has_evidence=False, covered=False, top=0.1, top_dense=0.1, share=1.0, share_raw=1.0)
    assert p_answerable(no_passage) < p_answerable(_sig())


def test_a_malformed_weights_file_is_a_clear_error(tmp_path):
    from qa.refusal_model import load

    bad = tmp_path / "w.json"
    bad.write_text(json.dumps({"features": ["top"], "coef": []}))
    with pytest.raises(ValueError, match="same length"):
        load(str(bad))


@pytest.fixture(scope="module")
def harbour(engine_over):
    return engine_over({"harbour.txt": HARBOUR})


def test_reading_every_signal_does_not_change_the_rules(harbour):
    """The trace computes the signals the cascade skips; the answers stay those of the rules alone."""
    before = [harbour.ask(q).to_dict() for q in QUESTIONS]
    trace: list = []
    token = TRACE.set(trace)
    try:
        after = [harbour.ask(q).to_dict() for q in QUESTIONS]
    finally:
        TRACE.reset(token)
    for a, b in zip(before, after):
        a.pop("timings_ms", None), b.pop("timings_ms", None)
        assert a == b
    assert {q for q, _ in trace} >= set(QUESTIONS)


def test_switch_off_is_the_rule_cascade(harbour):
    assert Config().refusal_model is False
    sig_of = {}
    trace: list = []
    token = TRACE.set(trace)
    try:
        outs = {q: harbour.ask(q) for q in QUESTIONS}
    finally:
        TRACE.reset(token)
    for q, sig in trace:
        sig_of.setdefault(q, sig)
    for q, out in outs.items():
        rule = rule_refusal(sig_of[q])
        if rule is not None:  # the branch refused: the same typed reason reaches the answer
            assert not out.answerable and out.refusal["code"] == rule.code.value


def test_the_model_on_refuses_an_off_corpus_question_and_answers_an_answerable_one(harbour):
    harbour.config = Config().with_(refusal_model=True)
    try:
        off = harbour.ask("What did the Quorvian ambassador say about the strike?")
        assert not off.answerable and off.refusal["code"] == Refusal.ENTITY_NOT_IN_CORPUS.value
        zoo = harbour.ask("How many giraffes live in the Velmar zoo?")
        assert not zoo.answerable and zoo.refusal["code"] in {r.value for r in Refusal}
        cranes = harbour.ask("How many cranes stood idle at the port of Velmar?")
        assert cranes.answerable and "40" in (cranes.short_answer or "")
    finally:
        harbour.config = Config()


def test_training_outcomes_follow_the_threshold_and_the_rules():
    """qa.eval.train_refusal derives the model's outcome from the rules' run and the open run."""
    from qa.eval.train_refusal import choose_threshold, outcome, score

    rows = [{"answerable": True, "absent": False, "rules": (False, False), "open": (True, True)},  # rules refused it
            {"answerable": False, "absent": False, "rules": (True, False), "open": (True, False)},  # rules answered it
            {"answerable": False, "absent": True, "rules": (False, True), "open": (False, True)}]  # name not in corpus
    ps = [0.9, 0.1, 0.9]
    assert outcome(rows[0], None, None) == (False, False)  # the rules
    assert outcome(rows[0], 0.9, 0.5) == (True, True) and outcome(rows[1], 0.1, 0.5) == (False, True)
    assert outcome(rows[2], 0.9, 0.5) == (False, True)  # absent names stay refused
    assert score(rows, ps, 0.5) == {"right": 1, "answerable": 1, "refused": 0, "caught": 2, "unanswerable": 2}
    assert score(rows, [None] * 3, None)["caught"] == 1
    assert 0.1 < choose_threshold(rows, ps) <= 0.9


def _toy_ranker(weights: dict[str, float]):
    """A RankModel over qa.rank_features.FEATURES that reads only the named columns (unit scale, no mean)."""
    import numpy as np

    from qa.rank import RankModel
    from qa.rank_features import FEATURES

    coef = np.array([weights.get(f, 0.0) for f in FEATURES])
    return RankModel(FEATURES, np.zeros(len(FEATURES)), np.ones(len(FEATURES)), coef, 0.0)


def _rows(*cols: dict[str, float]):
    from qa.rank_features import FEATURES

    return [[c.get(f, 0.0) for f in FEATURES] for c in cols]


def test_rank_view_reads_the_best_candidate_its_margin_and_its_typed_span():
    from qa.refusal import RankView, rank_view

    model = _toy_ranker({"lemma_share": 4.0})
    x = _rows({"lemma_share": 0.0}, {"lemma_share": 1.0, "typed_span": 1.0}, {"lemma_share": 0.5})
    v = rank_view(x, model)
    p = [0.5, 1 / (1 + math.exp(-4.0)), 1 / (1 + math.exp(-2.0))]
    assert v.best_p == pytest.approx(p[1]) and v.margin == pytest.approx(p[1] - p[2])
    assert v.first_p == pytest.approx(p[0])  # the hand order's first, not the best
    assert v.best_typed  # the second row holds the typed span and ranks first
    assert not rank_view(_rows({"lemma_share": 1.0}, {"typed_span": 1.0}), model).best_typed
    assert rank_view([], model) == RankView() and rank_view(x, None) == RankView()
    one = rank_view(_rows({"lemma_share": 1.0}), model)
    assert one.margin == pytest.approx(one.best_p)  # one candidate: the margin is its own probability


def test_rank_features_say_whether_a_typed_question_s_best_candidate_holds_its_span():
    from qa.refusal_model import RANK_FEATURES, features

    plain = features(_sig())
    assert set(RANK_FEATURES) <= set(plain) and plain["rank_best_untyped"] == 0.0  # not a typed question
    typed_miss = features(_sig(typed=True, rank_best_p=0.7, rank_margin=0.2, rank_first_p=0.4))
    assert typed_miss["rank_best_untyped"] == 1.0 and typed_miss["rank_best_typed"] == 0.0
    assert typed_miss["rank_best_p"] == 0.7 and typed_miss["rank_margin"] == 0.2 and typed_miss["rank_first_p"] == 0.4
    typed_hit = features(_sig(typed=True, rank_best_typed=True))
    assert typed_hit["rank_best_typed"] == 1.0 and typed_hit["rank_best_untyped"] == 0.0


def test_training_scores_a_held_out_set_with_a_ranker_fitted_without_it():
    from qa.eval.train_refusal import ranker_sets, with_ranker

    rank_sets = ["gold_v3", "gold_v4", "rtqa_tune_20200101", "rtqa_tune_20200108"]
    assert ranker_sets("v4", rank_sets) == ["gold_v3", "rtqa_tune_20200101", "rtqa_tune_20200108"]
    assert ranker_sets("rtqa-tune", rank_sets) == ["gold_v3", "gold_v4"]
    rows = [{"typed": True, "features": {"top": 0.5, "rank_best_p": 0.0},
             "rank_x": _rows({"lemma_share": 0.0}, {"lemma_share": 1.0})}]
    got = with_ranker(rows, _toy_ranker({"lemma_share": 4.0}))[0]["features"]
    assert got["top"] == 0.5 and got["rank_best_p"] == pytest.approx(1 / (1 + math.exp(-4.0)))
    assert got["rank_best_typed"] == 0.0 and got["rank_best_untyped"] == 1.0
    assert rows[0]["features"]["rank_best_p"] == 0.0  # the input rows are not changed


def test_the_trace_carries_the_ranker_s_view_of_the_candidates(harbour):
    from qa.rank_features import FEATURES

    trace: list = []
    token = TRACE.set(trace)
    try:
        harbour.ask("Who chairs the Velmar Shipping Guild?")
    finally:
        TRACE.reset(token)
    sig = trace[0][1]
    assert sig.rank_x and all(len(row) == len(FEATURES) for row in sig.rank_x)
    assert 0.0 < sig.rank_best_p < 1.0 and 0.0 <= sig.rank_margin <= sig.rank_best_p
    assert sig.rank_first_p <= sig.rank_best_p
