"""qa.eval.sentence_models: the pure parts (gold rows, first rank, AUC, summary) on invented text."""
import numpy as np

from qa.eval.sentence_models import auc, first_rank, gold_rows, summarise


def test_gold_rows_match_the_overlapping_sentence_only():
    texts = ["Wirenet opened a depot in Oslo on Monday.", "Ledger shares fell sharply after the report."]
    assert gold_rows(texts, ["Wirenet opened a depot in Oslo"]).tolist() == [0]
    assert gold_rows(texts, []).tolist() == []


def test_first_rank_is_the_best_positive_place():
    scores = np.array([0.9, 0.2, 0.7, 0.8])
    assert first_rank(scores, np.array([2, 1])) == 2  # 0.9 and 0.8 are above 0.7
    assert first_rank(scores, np.array([0])) == 0
    assert first_rank(scores, np.array([], int)) is None


def test_auc_counts_ties_half_and_needs_both_sides():
    assert auc([0.9, 0.8], [0.1]) == 1.0
    assert auc([0.5], [0.5]) == 0.5
    assert auc([0.1], [0.9]) == 0.0
    assert auc([], [0.3]) is None


def test_summarise_hit_rates():
    m = summarise([0, 2, 5, 20], [0.7, 0.6], [0.5])
    assert (m["n"], m["top1"], m["top3"], m["top10"]) == (4, 1, 2, 3)
    assert m["auc_best_cos"] == 1.0 and m["unanswerable_n"] == 1
