"""Support trust and conflict features of the verdict model (qa.verdict_trust), on invented text."""
from __future__ import annotations

from index.types import Sentence
from qa.retrieve import Evidence
from qa.slots import slot_frame
from qa.stance import Slot, Stance, StanceCode, align
from qa.verdict_trust import (FEATURES, best_unit, conflict_features, content_lemmas, entities, features,
                              figures_split, trust_features)


def _ev(text: str, score: float = 0.9, dense: float = 0.8) -> Evidence:
    s = Sentence(id="d:c0:s0", doc_id="d", chunk_id="d:c0", index=0, start=0, end=len(text), text=text)
    return Evidence(s, 0, score, dense, 0.5, 0)


def _judged(claim: str, units: list[tuple[str, float]]):
    cf = slot_frame(claim)
    evs = [_ev(t, score=sc, dense=sc) for t, sc in units]
    frames = [slot_frame(t) for t, _ in units]
    return cf, [align(cf, f, e) for f, e in zip(frames, evs)], frames


def test_content_lemmas_and_entities_skip_stop_words_and_numbers():
    assert {"council", "close", "bridge"} <= content_lemmas("The council closed the bridge.")
    assert "the" not in content_lemmas("The council closed the bridge.")
    ents = entities("Wirenet hired 300 engineers in Oslo in 2021.")
    assert "oslo" in ents and not any(e.isdigit() for e in ents)


def test_a_topical_unit_leaves_the_claims_verb_and_object_uncovered():
    # the evidence is about the same actor and event, but says nothing of the answer the claim gives
    claim = "Brandt answered the vote with a general strike."
    topical = _judged(claim, [("Brandt lost the vote in the assembly on Monday.", 0.9)])
    full = _judged(claim, [("Brandt answered the vote with a general strike.", 0.9)])
    t, f = trust_features(*topical), trust_features(*full)
    assert t["trust_lemmas_missing"] > 0.3 and f["trust_lemmas_missing"] == 0.0
    assert t["trust_verb_missing"] == 1.0 and f["trust_verb_missing"] == 0.0
    assert t["trust_entities_missing"] == 0.0  # Brandt is named in both


def test_entities_missing_from_the_best_unit():
    x = trust_features(*_judged("The Ledger reported that Wirenet moved to Oslo.",
                                [("Wirenet moved its offices last spring.", 0.9)]))
    assert x["trust_entities_missing"] > 0.0


def test_the_best_unit_is_the_relevant_one_covering_most_of_the_claim():
    cf, stances, frames = _judged("The mayor of Dunmore opened the new library.",
                                  [("The mayor spoke.", 0.95), ("The mayor of Dunmore opened the new library.", 0.6)])
    _, unit = best_unit(cf, stances, frames)
    assert unit.text == "The mayor of Dunmore opened the new library."
    assert best_unit(cf, [], []) is None


def test_negation_mismatch_with_the_best_unit():
    x = trust_features(*_judged("The senator voted for the bill.", [("The senator did not vote for the bill.", 0.9)]))
    y = trust_features(*_judged("The senator voted for the bill.", [("The senator voted for the bill.", 0.9)]))
    assert x["trust_neg_mismatch"] == 1.0 and y["trust_neg_mismatch"] == 0.0


def test_two_units_give_different_figures_for_the_same_counted_group():
    claim = slot_frame("The plant employs 300 workers.")
    both = [slot_frame("The plant employs 300 workers, the company said."),
            slot_frame("The union says the plant employs 120 workers.")]
    assert figures_split(claim, both)
    assert not figures_split(claim, both[:1])
    assert not figures_split(claim, [slot_frame("The plant has 120 trucks."), both[0]])


def test_opposite_stances_on_one_slot():
    cf = slot_frame("The plant employs 300 workers.")
    sup = Stance(_ev("a"), StanceCode.SUPPORTS, Slot.FIGURE)
    ref = Stance(_ev("b"), StanceCode.REFUTES, Slot.FIGURE)
    ref_place = Stance(_ev("c"), StanceCode.REFUTES, Slot.PLACE)
    frames = [slot_frame("a"), slot_frame("b"), slot_frame("c")]
    x = conflict_features(cf, [sup, ref], frames[:2])
    assert x["conf_opposite"] == 1.0 and x["conf_same_slot"] == 1.0
    y = conflict_features(cf, [sup, ref_place], [frames[0], frames[2]])
    assert y["conf_opposite"] == 1.0 and y["conf_same_slot"] == 0.0


def test_close_units_of_both_polarities():
    x = conflict_features(*_judged("The senator voted for the bill.",
                                   [("The senator voted for the bill.", 0.9),
                                    ("The senator did not vote for the bill.", 0.8)]))
    assert x["conf_polarity_split"] == 1.0


def test_feature_vector_names_every_value():
    v = features(*_judged("The plant employs 300 workers.", [("The plant employs 300 workers.", 0.9)]))
    assert v.shape == (len(FEATURES),)
