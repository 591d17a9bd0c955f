"""The verdict model's features (qa.verdict_features) and where the model may decide (qa.claims), on invented text."""
from __future__ import annotations

import json

import pytest

from index.types import Sentence
from qa.claims import VerdictCode, model_may_decide
from qa.config import VerdictConfig, VerdictPolicy
from qa.retrieve import Evidence
from qa.slots import slot_frame
from qa.stance import Slot, Stance, StanceCode, align
from qa.verdict_features import BASE_FEATURES, FEATURES, answer_part, claim_features


def _ev(text: str, score: float = 0.9, dense: float = 0.8, lexical: float = 0.5) -> Evidence:
    s = Sentence(id="d:c0:s0", doc_id="d", chunk_id="d:c0", index=0, start=0, end=len(text), text=text)
    return Evidence(s, 0, score, dense, lexical, 0)


def _features(claim: str, units: list[tuple[str, float]]) -> dict[str, float]:
    cf = slot_frame(claim)
    evs = [_ev(t, score=sc) for t, sc in units]
    frames = [slot_frame(t) for t, _ in units]
    stances = [align(cf, f, e) for f, e in zip(frames, evs)]
    x = claim_features(cf, stances, frames, "not_enough_evidence")
    assert x.shape == (len(FEATURES),)
    return dict(zip(FEATURES, x))


def test_answer_part_is_after_the_question():
    assert answer_part("Did the mayor resign? No, she stayed.") == " No, she stayed."
    assert answer_part("The mayor stayed.") == "The mayor stayed."
    assert answer_part("Why did she stay?") == "Why did she stay?"


def test_another_number_for_the_claim_figure():
    x = _features("The plant employs 300 workers.", [("The plant employs 120 workers.", 0.9)])
    assert (x["figure_matched3"], x["figure_other3"]) == (0.0, 1.0)
    y = _features("The plant employs 300 workers.", [("About 300 workers are employed at the plant.", 0.9)])
    assert (y["figure_matched3"], y["figure_other3"]) == (1.0, 0.0)


def test_yes_and_no_answers_in_the_top_units():
    units = [("Did the council ban cars in the centre? Yes.", 0.9), ("Is the ban in force? No, it was delayed.", 0.8)]
    x = _features("The council banned cars in the centre.", units)
    assert x["yes_and_no3"] == 1.0 and x["answer_yes_top1"] == 1.0 and x["answer_no_top"] == 0.5


def test_negation_on_one_side_only():
    x = _features("The senator voted for the bill.", [("The senator did not vote for the bill.", 0.9)])
    assert x["neg_asym_top1"] == 1.0 and x["claim_negated"] == 0.0
    y = _features("The senator voted for the bill.", [("The senator voted for the bill on Tuesday.", 0.9)])
    assert y["neg_asym_top1"] == 0.0


def test_coverage_of_claim_terms_by_the_top_units():
    x = _features("The museum reopened its east wing.", [("The museum reopened.", 0.9), ("Its east wing was closed.", 0.8)])
    assert x["overlap_union3"] == 1.0 and x["overlap_top1"] < 1.0


def test_unknown_answer_is_a_signal():
    x = _features("The minister resigned in March.", [("Did the minister resign? No answer could be found.", 0.9)])
    assert x["unknown_top1"] == 1.0


def test_feature_names_are_unique_base_first():
    assert FEATURES[:len(BASE_FEATURES)] == BASE_FEATURES and len(set(FEATURES)) == len(FEATURES)


def test_where_the_model_may_decide():
    fig = Stance(_ev("a"), StanceCode.REFUTES, Slot.FIGURE, "40", "12")
    pol = Stance(_ev("b"), StanceCode.REFUTES, Slot.POLARITY)
    nee, ref = VerdictCode.NOT_ENOUGH_EVIDENCE, VerdictCode.REFUTED
    assert all(model_may_decide(p, nee, None) for p in VerdictPolicy)
    assert not model_may_decide(VerdictPolicy.RULES_FIRST, ref, pol)
    assert model_may_decide(VerdictPolicy.EXACT_FIRST, ref, pol) and not model_may_decide(VerdictPolicy.EXACT_FIRST, ref, fig)
    assert model_may_decide(VerdictPolicy.MODEL_FIRST, ref, fig)


def test_gate_out_of_range_is_refused():
    with pytest.raises(ValueError, match="model_min_probability must be in"):
        VerdictConfig(model_min_probability=1.5)


def test_the_default_config_is_the_policy_the_tune_cv_chose():
    from qa.verdict_model import WEIGHTS

    chosen = json.loads(WEIGHTS.read_text(encoding="utf-8"))["policy"]
    assert VerdictConfig().to_dict() == chosen


def test_conflicting_needs_differently_attributed_sources():
    # issue 11: "conflicting" only with a named disagreeing source; unattributed figures that disagree leave it open
    from qa.claims import decide

    claim = "The company hired 40 workers at the plant."
    bare = ["The company hired 40 workers at the plant.", "The company hired 25 workers at the plant."]
    named = ["Mayor Anna Berg said the company hired 40 workers at the plant.",
             "Union leader Tom Reed said the company hired 25 workers at the plant."]

    def verdict(texts, needs):
        evs = [_ev(t, score=0.9 - 0.01 * i) for i, t in enumerate(texts)]
        return decide(claim, evs, model=False, config=VerdictConfig(conflicting_needs_sources=needs))

    assert verdict(bare, True).verdict is VerdictCode.NOT_ENOUGH_EVIDENCE
    assert verdict(bare, False).verdict is VerdictCode.CONFLICTING
    both = verdict(named, True)
    assert both.verdict is VerdictCode.CONFLICTING and "Anna Berg gives 40" in both.reason and "Tom Reed gives 25" in both.reason


def test_the_chain_objective_and_the_training_combination():
    import numpy as np

    from qa.eval.train_verdict import Chain, chain_scores, choose_chain, combine

    def r(f1, prec, said=10):
        return {"mean_macro_f1": f1, "supported_precision": prec, "supported_said": said}

    a, b, c = (Chain(True, "rules_first", t, 1.0, True, 0.5, "figures") for t in (0.0, 0.4, 0.5))
    # within 0.01 of the best, the most precise "supported" wins; a chain outside the allowed set never does
    assert choose_chain({a: r(0.40, 0.55), b: r(0.395, 0.62), c: r(0.30, 0.90)})[0] == b
    assert choose_chain({a: r(0.40, 0.55), b: r(0.395, 0.62), c: r(0.30, 0.90)}, {a, c})[0] == a
    # the rules' same-slot "conflicting" is left open (to the model) unless named sources disagree
    rule = np.array(["conflicting", "conflicting", "not_enough_evidence"])
    pred, prob = np.array(["refuted", "refuted", "supported"]), np.array([0.9, 0.9, 0.9])
    exact, named = np.array([True, True, False]), np.array([True, False, False])
    out = combine("rules_first", 0.0, pred, prob, rule, exact, named=named, refuted_slot=np.array([False, False, True]))
    assert list(out) == ["conflicting", "refuted", "not_enough_evidence"]  # the last: a refuted slot blocks "supported"
    s = chain_scores(np.array(["supported", "refuted"]), np.array(["supported", "supported"]), np.array(["d", "d"]))
    assert (s["supported_said"], s["supported_precision"]) == (2, 0.5)


def _swap(claim: str, texts: list[str], p: float, floor: float = 0.6):
    from qa.claims import swapped_value

    cf = slot_frame(claim)
    evs = [_ev(t, score=0.9 - 0.01 * i) for i, t in enumerate(texts)]
    frames = [slot_frame(t) for t in texts]
    stances = [align(cf, f, e) for f, e in zip(frames, evs)]
    return swapped_value(cf, frames, stances, p, VerdictConfig(substitution_min_probability=floor))


def test_a_swapped_figure_or_name_is_found_only_when_the_model_reads_the_rest_as_supported():
    # the evidence matches the claim but for one value: the claim changed it
    texts = ["The city council ordered 40 trams from a Swedish maker in May."]
    swapped = _swap("The city council ordered 65 trams from a Swedish maker in May.", texts, 0.8)
    assert swapped is not None and swapped[0] is Slot.FIGURE and swapped[1] == "65"
    place = _swap("The city council ordered 40 trams from a Norwegian maker in May.", texts, 0.8)
    assert place is not None and "norw" in place[1]
    # the value is missing but no unit tells the rest of the claim (another act): not a swap, just not covered
    assert _swap("The city council leased 65 ferries from a Swedish maker in May.", texts, 0.8) is None
    # every figure and name given: nothing swapped; below the floor, or the step off (1.0): nothing either
    assert _swap("The city council ordered 40 trams from a Swedish maker.", texts, 0.8) is None
    assert _swap("The city council ordered 65 trams from a Swedish maker in May.", texts, 0.5) is None
    assert _swap("The city council ordered 65 trams from a Swedish maker in May.", texts, 0.99, 1.0) is None


def test_the_training_combination_refutes_a_swapped_value_where_the_model_says_supported():
    import numpy as np

    from qa.eval.train_verdict import combine

    rule = np.array(["not_enough_evidence"] * 4)
    pred = np.array(["supported", "supported", "supported", "refuted"])
    prob = np.array([0.8, 0.55, 0.8, 0.8])
    swapped = np.array([True, True, False, True])
    unmet = np.array([True, True, False, True])
    exact = np.zeros(4, dtype=bool)
    out = combine("rules_first", 0.0, pred, prob, rule, exact, supported_floor=0.5, unmet=unmet, swapped=swapped,
                  substitution=0.6)
    assert list(out) == ["refuted", "not_enough_evidence", "supported", "refuted"]
    off = combine("rules_first", 0.0, pred, prob, rule, exact, supported_floor=0.5, unmet=unmet, swapped=swapped)
    assert list(off) == ["not_enough_evidence", "not_enough_evidence", "supported", "refuted"]
