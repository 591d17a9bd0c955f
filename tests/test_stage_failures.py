"""qa.eval.stage_failures on an invented mini gold set (no model: candidates are given)."""
from qa.eval.stage_failures import classify, gold_rank, run, stage_table

EV = "The Harbor Board approved the new ferry timetable on Friday."
OTHER = "Commuters complained about crowded morning boats all week."


def _item(i, kind="factoid", **kw):
    base = {"id": i, "style": "who-which", "kind": kind, "question": "Who approved the ferry timetable?",
            "answer": "The Harbor Board", "aliases": ["Harbor Board"], "evidence": [EV]}
    base.update(kw)
    return base


def _cit(quote):
    return {"quote": quote, "doc_id": "d1"}


def _pred(answer, cits, answerable=True, short=None, refusal=None, verdict=None):
    return {"answer": answer, "short_answer": short, "answerable": answerable, "citations": cits,
            "refusal": refusal, "verdict": verdict}


def test_gold_rank_finds_first_supporting_candidate():
    assert gold_rank([(OTHER, 0.9), (EV, 0.5)], [EV]) == (2, 0.5)
    assert gold_rank([(OTHER, 0.9)], [EV]) == (None, None)


def test_stages_in_order():
    cands = [(OTHER, 0.8), (EV, 0.6)]
    assert classify(_item("a"), _pred(EV, [_cit(EV)], short="The Harbor Board"), cands, 0.3)["stage"] == "ok"
    assert classify(_item("b"), _pred(EV, [_cit(EV)], short="Friday"), cands, 0.3)["stage"] == "short"
    refused = classify(_item("c"), _pred("The articles don't say.", [_cit(EV)], answerable=False,
                                         refusal={"code": "uncovered"}), cands, 0.3)
    assert (refused["stage"], refused["refusal"], refused["in_best"]) == ("refusal", "uncovered", True)
    assert classify(_item("d"), _pred(OTHER, [_cit(OTHER)]), [(OTHER, 0.8)], 0.3)["stage"] == "retrieval"
    low = classify(_item("e"), _pred(OTHER, [_cit(OTHER)]), [(OTHER, 0.8), (EV, 0.1)], 0.3)
    assert (low["stage"], low["gold_rank"]) == ("retrieval", 2)
    later = classify(_item("f"), _pred(OTHER, [_cit(OTHER), _cit(EV)]), cands, 0.3)
    assert (later["stage"], later["cited_later"]) == ("sentence_choice", True)
    wrong = classify(_item("g", aliases=["Port Authority"]), _pred(EV, [_cit(EV)]), cands, 0.3)
    assert (wrong["stage"], wrong["alias_in_evidence"]) == ("answer_not_in_sentence", False)


def test_unanswerable_claims_and_table():
    gold = [_item("u", kind="unanswerable", style="hard-unanswerable", aliases=[], evidence=[]),
            _item("k", kind="claim", style="claim-paraphrase", verdict="supported", question="The board approved it."),
            _item("m", kind="claim", style="claim-paraphrase", verdict="refuted", question="The board rejected it.")]
    preds = [{"id": "u", **_pred(OTHER, [_cit(OTHER)])},
             {"id": "k", **_pred("", [_cit(EV)], verdict="supported")},
             {"id": "m", **_pred("", [], verdict="not_enough_evidence")}]
    rows = run(gold, preds, lambda text, kind: [(EV, 0.7)], 0.3)
    assert [r["stage"] for r in rows] == ["unanswerable_answered", "ok", "claim"]
    assert rows[2]["gold_rank"] == 1 and rows[2]["pred"] == "not_enough_evidence"
    table = stage_table(rows)
    assert table["hard-unanswerable"]["unanswerable_answered"] == 1
    assert table["claim:refuted"]["claim"] == 1 and table["claim:supported"]["ok"] == 1
