"""Leave-one-week-out choice over invented grid lines (qa.eval.rtqa_lowo)."""
from __future__ import annotations

from qa.eval.rtqa_lowo import lowo


def _row(setting: dict, weeks: dict) -> dict:
    return {"setting": setting, "weeks": weeks}


# week -> [overall right, answerable right, answerable refused, n]
ROWS = [
    _row({"x": 0}, {"w1": [5, 3, 1, 10], "w2": [5, 3, 1, 10], "w3": [5, 3, 1, 10]}),
    # more answerable right, fewer unanswerable caught: same overall on w1 and w2
    _row({"x": 1}, {"w1": [5, 5, 1, 10], "w2": [5, 5, 1, 10], "w3": [4, 4, 1, 10]}),
]


def test_overall_score_keeps_the_first_setting_on_ties():
    chosen = {r["held_out"]: r["setting"] for r in lowo(ROWS)}
    assert chosen == {"w1": {"x": 0}, "w2": {"x": 0}, "w3": {"x": 0}}


def test_answerable_score_chooses_by_answerable_right():
    out = {r["held_out"]: r for r in lowo(ROWS, "answerable")}
    assert all(r["setting"] == {"x": 1} for r in out.values())
    assert out["w3"]["held_answerable_right"] == 4 and out["w3"]["held_right"] == 4
