"""Session 19's chain conditions of qa.claims.decide (the model's "refuted" needs a clash, "conflicting" across
articles) and their held-out replay in qa.eval.verdict_scoring.Grid.select, on invented text and arrays."""
from __future__ import annotations

import numpy as np

from index.store import Sentence
from qa.claims import VerdictCode, cross_article, decide
from qa.config import ConflictCheck, SupportCheck, VerdictConfig, VerdictPolicy
from qa.retrieve import Evidence
from qa.slots import slot_frame
from qa.stance import align
from qa.verdict_features import FEATURES


def _ev(text: str, doc: str = "d", score: float = 0.9) -> Evidence:
    s = Sentence(id=f"{doc}:c0:s0", doc_id=doc, chunk_id=f"{doc}:c0", index=0, start=0, end=len(text), text=text)
    return Evidence(s, 0, score, 0.8, 0.5, 0)


class _Fixed:
    """A stand-in verdict model with fixed class probabilities (predict as ``VerdictModel.predict``)."""

    classes = ("supported", "refuted", "conflicting", "not_enough_evidence")

    def __init__(self, p):
        self.p = np.array(p, dtype=float)

    def predict(self, x, floors=None):
        keep = np.array([self.p[i] >= (floors or {}).get(c, 0.0) for i, c in enumerate(self.classes)])
        i = int(np.argmax(np.where(keep, self.p, -1.0)))
        return self.classes[i], float(self.p[i])


CLAIM = "The Harwick ferry carried 300 passengers to Lindmoor on Sunday."
SAME = "The Harwick ferry carried 300 passengers to Lindmoor on Sunday, the operator said."


def test_model_refuted_without_a_clashing_unit_gives_way_to_its_next_label():
    model = _Fixed([0.40, 0.45, 0.0, 0.15])  # "refuted" first, every unit agrees with the claim
    evs = [_ev(SAME, score=0.95)]
    off = decide(CLAIM, evs, model=model, config=VerdictConfig(policy=VerdictPolicy.MODEL_FIRST, focus_guard=False, support_needs=SupportCheck.NONE))
    assert off.verdict is VerdictCode.REFUTED
    on = decide(CLAIM, evs, model=model, config=VerdictConfig(policy=VerdictPolicy.MODEL_FIRST, focus_guard=False, support_needs=SupportCheck.NONE,
                                                               refuted_needs_clash=True))
    assert on.verdict is VerdictCode.SUPPORTED  # the model's next label agrees with the rules


def test_model_refuted_stands_with_a_clashing_unit():
    model = _Fixed([0.10, 0.60, 0.0, 0.30])
    evs = [_ev("The Harwick ferry carried 120 passengers to Lindmoor on Sunday.", score=0.95)]
    d = decide(CLAIM, evs, model=model, config=VerdictConfig(policy=VerdictPolicy.MODEL_FIRST, focus_guard=False, refuted_needs_clash=True))
    assert d.verdict is VerdictCode.REFUTED


def test_refuted_clash_when_only_applies_where_the_claim_is_met():
    # the evidence says nothing of the passengers' number: the claim's figure is unmet, so at "figures" the model's
    # "refuted" stands without a clash; with the rule always on it gives way
    model = _Fixed([0.05, 0.55, 0.0, 0.40])
    evs = [_ev("The Harwick ferry sailed to Lindmoor on Sunday despite the storm.", score=0.95)]
    cfg = dict(policy=VerdictPolicy.MODEL_FIRST, focus_guard=False, refuted_needs_clash=True)
    assert decide(CLAIM, evs, model=model, config=VerdictConfig(**cfg)).verdict is VerdictCode.NOT_ENOUGH_EVIDENCE
    met = VerdictConfig(**cfg, refuted_clash_when=SupportCheck.FIGURES)
    assert decide(CLAIM, evs, model=model, config=met).verdict is VerdictCode.REFUTED


def test_cross_article_needs_two_articles():
    cf = slot_frame("The council approved 12 new bus lines.")
    texts = ["The council approved 12 new bus lines.", "The council approved 7 new bus lines."]
    one = [align(cf, slot_frame(t), _ev(t, "a")) for t in texts]
    two = [align(cf, slot_frame(t), _ev(t, doc)) for t, doc in zip(texts, ("a", "b"))]
    assert not cross_article(one, same_slot=False)
    assert cross_article(two, same_slot=True) and cross_article(two, same_slot=False)


def test_model_conflicting_needs_disagreeing_articles():
    model = _Fixed([0.30, 0.10, 0.50, 0.10])
    evs = [_ev("The Harwick ferry sailed to Lindmoor on Sunday.", score=0.95)]
    cfg = dict(policy=VerdictPolicy.MODEL_FIRST, focus_guard=False, conflicting_min_probability=0.4, support_needs=SupportCheck.NONE)
    assert decide(CLAIM, evs, model=model, config=VerdictConfig(**cfg)).verdict is VerdictCode.CONFLICTING
    strict = VerdictConfig(**cfg, model_conflicting_needs=ConflictCheck.ARTICLES)
    assert decide(CLAIM, evs, model=model, config=strict).verdict is not VerdictCode.CONFLICTING


def test_rules_conflicting_across_articles_without_named_sources():
    claim = "The council approved 12 new bus lines."
    texts = ["The council approved 12 new bus lines.", "The council approved 7 new bus lines."]
    same = [_ev(t, "a", 0.9 - 0.01 * i) for i, t in enumerate(texts)]
    apart = [_ev(t, doc, 0.9 - 0.01 * i) for i, (t, doc) in enumerate(zip(texts, ("a", "b")))]
    cfg = VerdictConfig(conflicting_across_articles=True)
    assert decide(claim, same, model=False, config=cfg).verdict is VerdictCode.NOT_ENOUGH_EVIDENCE
    assert decide(claim, apart, model=False, config=cfg).verdict is VerdictCode.CONFLICTING
    assert decide(claim, apart, model=False, config=VerdictConfig()).verdict is VerdictCode.NOT_ENOUGH_EVIDENCE


def test_grid_select_replays_the_chain_conditions():
    from qa.eval import verdict_loso as L
    from qa.eval.verdict_scoring import labelled_sets

    n = 3
    X = np.zeros((n, len(FEATURES)))
    X[1, FEATURES.index("n_refutes")] = 1.0  # row 1 has a clashing unit
    X[:, FEATURES.index("figures_met")] = [1.0, 1.0, 0.0]  # row 2 leaves a figure unmet
    d = {"group": np.array(["gold_v3"] * n), "y": np.array(["supported"] * n), "X": X,
         "ok": [{"supported"}] * n, "rule": np.array(["not_enough_evidence"] * n),
         **{k: np.zeros(n, dtype=bool) for k in ("exact", "unmentioned", "named", "slot_refuted", "swapped",
                                                   "cross", "cross_slot")}}
    g = L.Grid(d, np.ones(n, dtype=bool))
    P = np.array([[0.40, 0.45, 0.0, 0.15]] * n)
    sets = labelled_sets(P, 0.0, 1.0)
    chain = L.Chain(0.0, "model_first", 0.0, 1.0, True, 0.0, "none", 1.0)
    assert list(g.select(sets, chain)[0]) == ["refuted"] * 3
    assert list(g.select(sets, chain._replace(refute="always"))[0]) == ["supported", "refuted", "supported"]
    assert list(g.select(sets, chain._replace(refute="figures"))[0]) == ["supported", "refuted", "refuted"]
    conf = labelled_sets(np.array([[0.3, 0.1, 0.5, 0.1]] * n), 0.0, 0.4)
    assert list(g.select(conf, chain._replace(conflicting=0.4, model_conf="articles"))[0]) == ["supported"] * 3
