"""Leave-one-set-out choice of the verdict model (qa.eval.verdict_loso), on invented arrays."""
from __future__ import annotations

import numpy as np

from qa.eval import verdict_loso as L


def _grid(groups, gold, ok=None):
    n = len(groups)
    d = {"group": np.array(groups), "y": np.array(gold), "X": np.zeros((n, len(__import__("qa.verdict_features",
         fromlist=["FEATURES"]).FEATURES))),
         "ok": ok or [{g} for g in gold], "rule": np.array(["not_enough_evidence"] * n),
         **{k: np.zeros(n, dtype=bool) for k in ("exact", "unmentioned", "named", "slot_refuted", "swapped",
                                                   "cross", "cross_slot")}}
    return L.Grid(d, np.ones(n, dtype=bool))


def test_counts_are_per_held_out_set_and_accept_other_verdicts():
    g = _grid(["gold_v3", "gold_v3", "gold_v4", "averitec"], ["supported", "refuted", "supported", "refuted"],
              ok=[{"supported"}, {"refuted", "not_enough_evidence"}, {"supported"}, {"refuted"}])
    cm, right = g.counts(np.array(["supported", "not_enough_evidence", "refuted", "refuted"]))
    assert g.names == ["gold_v3", "gold_v4", "averitec"]
    assert list(right) == [2, 0, 1]  # the accepted "not enough evidence" counts as right
    assert cm[0, 0, 0] == 1 and cm[0, 1, 3] == 1 and cm[1, 0, 1] == 1 and cm[2, 1, 1] == 1


def test_macro_f1_of_a_confusion_matrix_skips_absent_labels():
    cm = np.zeros((4, 4), dtype=int)
    cm[0, 0], cm[1, 1], cm[1, 0] = 2, 1, 1  # supported 2 right, refuted 1 right and 1 called supported
    # supported F1 = 4/5, refuted F1 = 2/3; conflicting and "not enough evidence" absent on both sides
    assert abs(L.cm_f1(cm) - (0.8 + 2 / 3) / 2) < 1e-9


def test_seed_claims_weigh_seed_weight_benchmarks_whatever_their_number():
    y = np.array(["supported"] * 6)
    group = np.array(["gold_v3"] * 4 + ["averitec"] * 2)
    w = L.weights(y, group, L.Model(1.0, 0.0, 3.0))
    assert abs(w[group == "gold_v3"].sum() / w[group == "averitec"].sum() - 3.0) < 1e-9
    assert not L.weights(y, group, L.Model(1.0, 0.0, 0.0))[:4].any()  # seed_weight 0: not trained on


def test_nested_choice_never_reads_the_held_out_set():
    # two settings: A right on gold_v3 only, B right on gold_v4 only (plus one more there); held out in turn, each
    # set is scored with the setting the other set chose
    g = _grid(["gold_v3", "gold_v4", "gold_v4"], ["supported", "refuted", "refuted"])
    a = g.counts(np.array(["supported", "supported", "supported"]))
    b = g.counts(np.array(["refuted", "refuted", "refuted"]))
    res = {"grid": g, "counts": {("A", None): a, ("B", None): b}}
    assert L.choose(res) == ("B", None)
    assert L.choose(res, exclude="gold_v4") == ("A", None)
    assert L.choose(res, exclude="gold_v3") == ("B", None)


def test_a_setting_that_lowers_a_benchmark_below_its_floor_is_not_chosen():
    # A is better on the seed set but ruins the benchmark; with the benchmark's floor, B is chosen
    g = _grid(["gold_v3", "gold_v3", "averitec", "averitec", "averitec"],
              ["supported", "refuted", "refuted", "supported", "supported"])
    # A: seed set macro-F1 1.0, benchmark 0.4 (mean 0.7); B: 0.33 and 1.0 (mean 0.67)
    a = g.counts(np.array(["supported", "refuted", "supported", "supported", "supported"]))
    b = g.counts(np.array(["supported", "supported", "refuted", "supported", "supported"]))
    res = {"grid": g, "counts": {("A", None): a, ("B", None): b}}
    assert L.choose(res) == ("A", None)  # without floors: the mean of seed and benchmark macro-F1
    res = {"grid": g, "counts": {("A", None): a, ("B", None): b}, "floors": {"averitec": 0.5}}
    assert L.choose(res) == ("B", None)
    # the held-out benchmark's own floor never decides its setting
    assert L.choose(res, exclude="averitec") == ("A", None)
