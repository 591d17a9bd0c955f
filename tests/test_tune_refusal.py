"""qa.eval.tune_refusal: the RealTimeQA tune grid read as one more set, and report-split output refused."""
from __future__ import annotations

import json

import pytest

from qa.eval.tune_refusal import Score, choose, news_scores


def _row(split: str, value: float, overall: int, right: int) -> str:
    return json.dumps({"split": split, "setting": {"min_score": value}, "overall": overall, "n": 10,
                       "answerable_n": 8, "answerable_right": right, "answerable_refused": 1, "short_right": 0})


def test_news_grid_rows_become_scores(tmp_path):
    path = tmp_path / "grid.jsonl"
    path.write_text(_row("tune", 0.3, 6, 5) + "\n" + _row("tune", 0.35, 7, 5) + "\n")
    got = news_scores(str(path))
    assert got["min_score=0.3"] == Score(5, 8, 1, 1, 2)
    assert got["min_score=0.35"].caught == 2


def test_report_split_output_is_refused(tmp_path):
    path = tmp_path / "grid.jsonl"
    path.write_text(_row("report", 0.3, 6, 5) + "\n")
    with pytest.raises(SystemExit):
        news_scores(str(path))


def test_choice_sums_both_kinds_and_breaks_ties_by_catches():
    table = {"a": {"v3": Score(5, 8, 1, 1, 2), "rtqa-tune": Score(3, 8, 2, 0, 2)},
             "b": {"v3": Score(4, 8, 2, 2, 2), "rtqa-tune": Score(3, 8, 2, 1, 2)}}
    assert choose(table, ["v3", "rtqa-tune"]) == "b"  # 9 outcomes each; b refuses more unanswerables
    table["a"]["v3"] = Score(7, 8, 0, 1, 2)
    assert choose(table, ["v3", "rtqa-tune"]) == "a"  # 11 outcomes against 10
