"""qa.eval.timeline_bench: the counting on tiny hand-made rows."""
from __future__ import annotations

import datetime as dt

from qa.config import TimeConfig
from qa.eval.timeline_bench import _article_metrics, _sentence_hits

D = dt.date
ROWS = [
    {"id": "q1", "now": True,  # newest article has the answer; top sentence is an old one without it
     "top5": [("a", D(2023, 1, 1), False), ("b", D(2023, 1, 20), True)],
     "evidence": [(0.60, D(2022, 6, 1), False), (0.58, D(2023, 1, 20), True)]},
    {"id": "q2", "now": False,  # not about now: recency is not applied
     "top5": [("c", D(2023, 1, 5), True), ("d", None, False)],
     "evidence": [(0.70, D(2022, 1, 1), True), (0.69, D(2023, 1, 5), False)]},
]


def test_article_metrics():
    m = _article_metrics(ROWS)
    assert (m["questions"], m["top1_article_has_answer"], m["any_top5_article_has_answer"],
            m["newest_top5_article_has_answer"]) == (2, 1, 2, 2)


def test_sentence_hits_with_and_without_recency():
    assert _sentence_hits(ROWS, None) == {"top1_sentence_has_answer": 1, "top3_sentences_have_answer": 2}
    cfg = TimeConfig(half_life_days=30, recency_bonus=0.05)
    assert _sentence_hits(ROWS, cfg) == {"top1_sentence_has_answer": 2, "top3_sentences_have_answer": 2}
