"""The held-out comparison of refusal policies (qa.eval.refusal_loso) and the session 17 signals of qa.refusal,
on invented rows and invented text (nothing from the seeds or the benchmarks)."""
from __future__ import annotations

import json

from qa.eval import refusal_loso as R


def _row(set_name="v3", answerable=True, opened=(True, True), **f):
    feats = {"names_absent": 0.0, "no_evidence": 0.0, "uncovered_rule": 0.0, "paraphrase": 0.0, "focus_missing": 0.0,
             "share": 0.0, "top": 0.5} | f
    return {"set": set_name, "id": "x", "answerable": answerable, "features": feats, "open": list(opened),
            "rules": [True, True], "codes": [None, None]}


def test_the_cascade_order_and_a_dropped_rule_lets_the_next_one_fire():
    row = _row(uncovered_rule=1.0, unmet_other_agent=1.0)
    assert R.fired(row) == "uncovered"
    assert R.fired(row, frozenset({"uncovered"})) == "unmet_other_agent"
    assert R.fired(row, frozenset({"uncovered", "unmet_other_agent"})) is None
    assert R.fired(_row(names_absent=1.0, no_evidence=1.0), frozenset({"no_evidence"})) == "names_absent"


def test_coverage_thresholds_are_re_read_from_the_share_the_top_score_and_the_focus():
    row = _row(share=0.55, top=0.5)
    assert R.fired(row, max_uncovered=0.5, confident_score=0.7) == "uncovered"
    assert R.fired(row, max_uncovered=0.6, confident_score=0.7) is None
    assert R.fired(row, max_uncovered=0.5, confident_score=0.45) is None  # a confident retrieval tolerates words
    focus = _row(share=0.1, focus_missing=1.0)
    assert R.fired(focus, max_uncovered=0.5) == "uncovered"
    assert R.fired(focus, max_uncovered=0.5, focus=False) is None
    assert R.fired(_row(share=0.9, paraphrase=1.0), max_uncovered=0.5) is None  # a close paraphrase covers


def test_outcomes_refused_items_and_the_open_run():
    assert R.outcome(_row(), True) == "refused"
    assert R.outcome(_row(opened=(True, False)), False) == "wrong"
    assert R.outcome(_row(answerable=False, opened=(True, False)), False) == "answered"
    assert R.outcome(_row(answerable=False, opened=(False, True)), False) == "caught"  # a later stage refused it


def test_ablation_counts_what_a_rule_alone_catches_and_refuses():
    rows = [_row("v8", answerable=False, opened=(True, False), unmet_other_role=1.0),
            _row("v8", answerable=True, unmet_other_role=1.0), _row("v8", answerable=True)]
    line = next(x for x in R.ablation(rows) if x.startswith("| unmet_other_role"))
    assert "-1 caught / 1 refused (1 right)" in line


def test_grid_choice_is_made_without_the_held_out_set():
    # a loose threshold helps every set but v3, whose single item it loses; v3's choice is made on the others
    rows = [_row(s, answerable=True, share=0.6) for s in R.SETS if s != "v3"] + \
        [_row("v3", answerable=False, opened=(True, False), share=0.6)]
    lines = R.grid_loso(rows, [{"max_uncovered": 0.5}, {"max_uncovered": 0.7}])
    v3 = next(x for x in lines if x.startswith("| v3 |"))
    assert json.dumps({"max_uncovered": 0.7}) in v3 and "caught 0/1" in v3


def test_proper_nouns_outside_the_entities_are_the_unseen_names():
    from qa.nlp import parsed as parse
    from qa.refusal import unseen_names

    doc = parse("Did the Wirenet desk report the Brandt merger in Oslo?")
    got = unseen_names(doc)
    inside = {t.text for e in doc.ents for t in e}
    assert not set(got) & inside  # names inside entities are the cascade's (Signals.absent), not counted twice
    assert "Wirenet" in got or "Wirenet" in inside  # the parser's call, but the name is read one way or the other
    assert unseen_names(parse("what did the minister say?")) == []
