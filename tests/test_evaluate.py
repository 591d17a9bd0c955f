"""qa.eval.evaluate / qa.eval.metrics: tiny hand-written gold and predictions with known metric values."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from qa.eval import metrics as M
from qa.eval.bench.rgb import rgb_flags
from qa.eval.evaluate import judge_all, load_gold, render_report, run_eval, score
from qa.types import Answer, Citation, Figure

# ---------------------------------------------------------------- alias matching


@pytest.mark.parametrize("answer, alias", [
    ("About 11000 troops were sent.", "11,000"),
    ("11,000 troops", "11000"),
    ("1.28 million people", "1,280,000"),
    ("1,280,000 people", "1.28 million"),
    ("Tesla made $6.3bn", "$6.3 billion"),
    ("revenue of 6.3 billion dollars", "$6.3 billion"),
    ("eleven thousand troops", "11,000"),
    ("It was TAMPA, Florida.", "Tampa, Florida"),
    ("The   U.S. said so", "US"),
    ("“Laverne & Shirley” starred her", "\"Laverne & Shirley\""),
    ("O’Neill won", "O'Neill"),
    ("Tadej Pogacar won", "Pogačar"),
    ("On July 21, 2017 it began", "July 21 2017"),
    ("on July 21st, 2017", "July 21, 2017"),
    ("prices rose 5%", "5 percent"),
    ("Sony's PlayStation", "Play Station"),
    ("Glendale, Arizona", "Tampa, Florida|Glendale, Arizona"),
    ("a desire for escalation", "escalat"),
    ("Zelenskyy.", "Zelensk"),
    ("170mm self-propelled howitzers", "170"),
    ("Suicide drones.", "suicide drone|kamikaze drone"),
])
def test_alias_matches(answer, alias):
    assert M.alias_match(answer, [alias])


@pytest.mark.parametrize("answer, alias", [
    ("100 troops", "10"),
    ("10.5 million people", "10"),
    ("in Washington", "ton"),
    ("1,100 troops", "11,000"),
    ("1.28 million", "1.3 million"),
    ("6.3 percent", "63 percent"),
    ("Tampa Bay", "Tampa, Florida"),
    ("", "anything"),
    ("the answer", ""),
])
def test_alias_does_not_match(answer, alias):
    assert not M.alias_match(answer, [alias])


def test_all_aliases_needs_every_alias():
    assert M.alias_match("Messi and Ronaldo", ["Messi", "Ronaldo"], all_aliases=True)
    assert not M.alias_match("Messi alone", ["Messi", "Ronaldo"], all_aliases=True)
    assert M.alias_match("Messi alone", ["Messi", "Ronaldo"])


# ---------------------------------------------------------------- evidence overlap


def test_quote_containing_the_evidence_supports():
    assert M.quote_supports("Officials said 11,000 troops arrived. More came later.", "11,000 troops arrived")


def test_shared_30_chars_supports():
    quote = "as of Monday the army had sent 11,000 troops to the border"
    evidence = "By Friday, the army had sent 11,000 troops to the border region."
    assert M.quote_supports(quote, evidence)


def test_token_f1_half_supports():
    assert M.quote_supports("Troops border army deployed", "army deployed troops along border")  # F1 = 0.8


def test_unrelated_quote_does_not_support():
    assert not M.quote_supports("The weather was sunny in Rome.", "The army sent 11,000 troops to the border.")


# ---------------------------------------------------------------- ranking and classes


def test_ranking_counts_distinct_docs():
    retrieved = ["a", "a", "b", "c"]
    assert M.hit_at_k(retrieved, ["c"], 2) == 0.0
    assert M.hit_at_k(retrieved, ["c"], 3) == 1.0
    assert M.reciprocal_rank(retrieved, ["c", "b"]) == 0.5


def test_macro_f1_skips_labels_absent_from_gold_and_predictions():
    gold = ["supported", "supported", "refuted"]
    pred = ["supported", "refuted", "refuted"]
    # supported: P 1, R .5 -> 2/3; refuted: P .5, R 1 -> 2/3
    assert M.macro_f1(pred, gold, ("supported", "refuted", "conflicting")) == pytest.approx(2 / 3)


def test_citation_validity_needs_exact_offsets():
    text = "Alpha beta gamma."
    assert M.citation_is_valid({"quote": "beta", "start": 6, "end": 10}, text)
    assert not M.citation_is_valid({"quote": "beta", "start": 7, "end": 11}, text)
    assert not M.citation_is_valid({"quote": "beta", "start": 6, "end": 10}, None)
    assert not M.citation_is_valid({"quote": "", "start": 0, "end": 0}, text)


# ---------------------------------------------------------------- score on a hand-made set

ARTICLES = {
    "d1": "The army sent 11,000 troops to the border. Officials declined to comment.",
    "d3": "Drug X lowers blood pressure in adults. It was tested in 2020.",
}


def _cit(doc_id: str, quote: str, shift: int = 0) -> dict:
    start = ARTICLES[doc_id].index(quote) + shift if doc_id in ARTICLES else 0
    return {"n": 1, "doc_id": doc_id, "title": "", "chunk_id": f"{doc_id}#0", "quote": quote,
            "start": start, "end": start + len(quote), "score": 1.0, "stance": None}


def _pred(id_, *, answer="", answerable=True, verdict=None, retrieved=(), citations=(), total=None):
    return {"id": id_, "question": id_, "mode": "check" if verdict else "ask", "answer": answer,
            "short_answer": None, "answerable": answerable, "verdict": verdict, "figures": [],
            "citations": list(citations), "timings_ms": {} if total is None else {"total": total},
            "query": None, "retrieved": list(retrieved), "reason": None}


GOLD = [
    {"id": "f1", "kind": "factoid", "question": "How many troops?", "answer": "11,000", "aliases": ["11,000"],
     "sources": ["d1"], "evidence": ["The army sent 11,000 troops to the border."]},
    {"id": "f2", "kind": "factoid", "question": "Which city?", "answer": "Paris", "sources": ["d2"],
     "evidence": ["The summit is in Paris."]},
    {"id": "u1", "kind": "unanswerable", "question": "Who won in 2090?"},
    {"id": "u2", "kind": "unanswerable", "question": "Who won in 2091?"},
    {"id": "c1", "kind": "claim", "question": "Drug X lowers blood pressure.", "verdict": "supported",
     "sources": ["d3"], "evidence": ["Drug X lowers blood pressure in adults."]},
    {"id": "c2", "kind": "claim", "question": "Drug Y lowers heart rate.", "verdict": "refuted",
     "accept": ["conflicting"], "sources": ["d4"], "evidence": ["Drug Y raises heart rate."]},
    {"id": "c3", "kind": "claim", "question": "Drug Z cures colds.", "verdict": "not_enough_evidence"},
    {"id": "c4", "kind": "claim", "question": "Drug W is safe.", "verdict": "supported", "sources": ["d5"]},
]
PREDS = [
    _pred("f1", answer="About 11000 troops were sent.", retrieved=["d9", "d1", "d2"], total=100,
          citations=[_cit("d1", "The army sent 11,000 troops"), _cit("d1", "Officials declined to comment.", 1)]),
    _pred("f2", answer="This is not in the articles.", answerable=False, retrieved=["d7", "d8", "d6", "d5", "d2"],
          total=200),
    _pred("u1", answer="Not in the corpus.", answerable=False, total=300),
    _pred("u2", answer="Someone won.", total=400),
    _pred("c1", verdict="supported", retrieved=["d3"], total=500,
          citations=[_cit("d3", "Drug X lowers blood pressure in adults.")]),
    _pred("c2", verdict="conflicting", total=600, citations=[_cit("dx", "Unrelated sentence about weather today.")]),
    _pred("c3", verdict="supported", retrieved=["d1"], total=700),
    # c4: no prediction at all
]


@pytest.fixture()
def gold_items(tmp_path) -> list[dict]:
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(json.dumps(g) for g in GOLD) + "\n", encoding="utf-8")
    return load_gold(path)


@pytest.fixture()
def result(gold_items) -> dict:
    return score(gold_items, PREDS, article_text=ARTICLES.get)


def test_answer_accuracy(result):
    assert result["overall"]["answer_accuracy"] == 0.5  # f1 and u1 right, f2 (abstained) and u2 wrong
    assert result["by_kind"]["factoid"]["answer_accuracy"] == 0.5
    assert result["by_kind"]["unanswerable"]["answer_accuracy"] == 0.5


def test_retrieval_recall_and_mrr(result):
    ov = result["overall"]  # ranks: f1 2, f2 5, c1 1, c2 none, c4 missing
    assert ov["retrieval_n"] == 5
    assert [ov[f"recall@{k}"] for k in (1, 3, 5, 10)] == pytest.approx([0.2, 0.4, 0.6, 0.6])
    assert ov["mrr@10"] == pytest.approx((1 / 2 + 1 / 5 + 1) / 5)


def test_citation_validity_with_corrupted_offset_and_unknown_doc(result):
    assert result["overall"]["citations_n"] == 4
    assert result["overall"]["citation_validity"] == 0.5


def test_citation_support(result):
    ov = result["overall"]  # f1: 1 of 2 citations supports, f2: none, c1: 1 of 1, c2: 0 of 1
    assert ov["citation_support"] == 0.5
    assert ov["items_with_support"] == 0.5
    assert ov["support_items_n"] == 4


def test_abstention_precision_recall(result):
    ov = result["overall"]  # abstained: f2 (wrongly), u1 (rightly); u2 should have
    assert (ov["abstention_precision"], ov["abstention_recall"]) == (0.5, 0.5)


def test_answerable_accuracy_false_refusals_and_unanswerable_caught(result):
    ov = result["overall"]  # answerable: f1 right, f2 refused; unanswerable: u1 caught, u2 answered
    assert (ov["answerable_n"], ov["answerable_accuracy"], ov["answerable_refusal_rate"]) == (2, 0.5, 0.5)
    assert (ov["unanswerable_n"], ov["unanswerable_caught"]) == (2, 0.5)


def test_no_per_set_block_without_sets(result):
    assert "by_set" not in result


def test_per_set_block_with_unlabelled_items_as_v1(gold_items):
    labelled = [dict(g, set="v2") if g["id"] in ("f2", "u1") else g for g in gold_items]
    by_set = score(labelled, PREDS, article_text=ARTICLES.get)["by_set"]
    assert sorted(by_set) == ["v1", "v2"]
    assert (by_set["v1"]["n"], by_set["v2"]["n"]) == (6, 2)
    assert by_set["v2"]["answerable_refusal_rate"] == 1.0 and by_set["v2"]["unanswerable_caught"] == 1.0
    assert by_set["v1"]["answerable_accuracy"] == 1.0 and by_set["v1"]["unanswerable_caught"] == 0.0


def test_per_style_block_and_report_section(gold_items, tmp_path):
    styled = [dict(g, style="typo") if g["id"] == "f1" else g for g in gold_items]
    result = score(styled, PREDS, article_text=ARTICLES.get)
    assert sorted(result["by_style"]) == ["-", "typo"] and result["by_style"]["typo"]["answer_accuracy"] == 1.0
    judged = judge_all(styled, PREDS, ARTICLES.get)
    assert "## Per style" in render_report(result, styled, PREDS, judged)


def test_verdict_accuracy_and_macro_f1(result):
    claims = result["by_kind"]["claim"]
    assert claims["verdict_accuracy"] == 0.5  # c1 right, c2 right via accept, c3 wrong, c4 missing
    # supported F1 .5, refuted F1 1, not_enough_evidence F1 0; conflicting absent
    assert claims["verdict_macro_f1"] == pytest.approx(0.5)
    assert claims["verdict_per_class"]["conflicting"]["support"] == 0


def test_latency_and_errors(result):
    ov = result["overall"]
    assert ov["latency_p50_ms"] == 400.0
    assert ov["latency_p95_ms"] == pytest.approx(670.0)
    assert ov["errors"] == 1


def test_without_article_text_validity_is_none(gold_items):
    assert score(gold_items, PREDS)["overall"]["citation_validity"] is None


# ---------------------------------------------------------------- load_gold errors


def _gold_file(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "g.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


GOOD = '{"id": "a", "kind": "factoid", "question": "q?", "answer": "x"}'


@pytest.mark.parametrize("bad_line, message", [
    ("{not json", "line 2: not valid JSON"),
    ('["a"]', "line 2: expected a JSON object"),
    ('{"kind": "factoid", "question": "q", "answer": "x"}', "line 2: field 'id'"),
    ('{"id": "b", "kind": "fact", "question": "q", "answer": "x"}', "line 2: field 'kind' must be one of"),
    ('{"id": "b", "kind": "claim", "question": "q"}', "line 2: field 'verdict'"),
    ('{"id": "b", "kind": "claim", "question": "q", "verdict": "true"}', "line 2: field 'verdict'"),
    ('{"id": "b", "kind": "factoid", "question": "q", "answer": ""}', "line 2: field 'answer' is empty"),
    ('{"id": "b", "kind": "factoid", "question": "q", "answer": "x", "aliases": "x"}', "line 2: field 'aliases'"),
    ('{"id": "b", "kind": "claim", "question": "q", "verdict": "refuted", "accept": ["maybe"]}',
     "line 2: field 'accept' has 'maybe'"),
    ('{"id": "a", "kind": "factoid", "question": "q", "answer": "x"}', "line 2: field 'id' repeats 'a'"),
])
def test_load_gold_errors_name_line_and_field(tmp_path, bad_line, message):
    with pytest.raises(ValueError, match=message):
        load_gold(_gold_file(tmp_path, GOOD, bad_line))


def test_load_gold_rejects_empty_file(tmp_path):
    with pytest.raises(ValueError, match="no gold items"):
        load_gold(_gold_file(tmp_path, ""))


def test_load_gold_keeps_extra_fields_and_fills_defaults(tmp_path):
    (item,) = load_gold(_gold_file(tmp_path, '{"id": "a", "kind": "factoid", "question": "q", "answer": "x", '
                                             '"false_answer": "y"}'))
    assert item["false_answer"] == "y"
    assert (item["aliases"], item["sources"], item["evidence"], item["all_aliases"]) == ([], [], [], False)


# ---------------------------------------------------------------- run_eval


def _answer(question: str, *, mode: str, text: str, answerable: bool = True, verdict: str | None = None,
            retrieved: tuple = (), citations: tuple = ()) -> Answer:
    return Answer(question=question, mode=mode, answer=text, short_answer=text, answerable=answerable,
                  verdict=verdict, citations=citations, timings_ms={"retrieve": 1.0, "answer": 1.0, "total": 2.0},
                  retrieved=retrieved)


def _stub_ask(question: str) -> Answer:
    if "troops" in question:
        cit = Citation(n=1, doc_id="d1", title="", chunk_id="d1#0", quote="The army sent 11,000 troops",
                       start=0, end=27, score=1.0)
        return _answer(question, mode="ask", text="11,000 troops.", retrieved=("d1",), citations=(cit,))
    return _answer(question, mode="ask", text="Not in the corpus.", answerable=False)


def _stub_check(claim: str) -> Answer:
    if "Drug W" in claim:
        raise RuntimeError("model exploded")
    return _answer(claim, mode="check", text="Checked.", verdict="supported", retrieved=("d3",))


def test_run_eval_writes_all_outputs_and_survives_an_exception(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n".join(json.dumps(g) for g in GOLD) + "\n", encoding="utf-8")
    out = tmp_path / "eval"
    result = run_eval(gold, ask=_stub_ask, check=_stub_check, article_text=ARTICLES.get, out_dir=out,
                      progress=False)
    assert sorted(p.name for p in out.iterdir()) == ["metrics.json", "metrics.png", "predictions.jsonl", "report.md"]
    preds = [json.loads(line) for line in (out / "predictions.jsonl").read_text().splitlines()]
    assert [p["id"] for p in preds] == [g["id"] for g in GOLD]
    assert preds[0]["answer"] == "11,000 troops." and preds[0]["retrieved"] == ["d1"]
    assert preds[-1]["error"] == "RuntimeError: model exploded"
    assert json.loads((out / "metrics.json").read_text())["overall"] == result["overall"]
    assert result["overall"]["errors"] == 1
    assert result["overall"]["citation_validity"] == 1.0
    report = (out / "report.md").read_text()
    assert "](metrics.png)" in report and "| claim |" in report
    assert "| c4 | claim | Drug W is safe. | supported | ERROR RuntimeError: model exploded |" in report
    assert (out / "metrics.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


# ---------------------------------------------------------------- RGB flags


def test_rgb_flags_shares():
    gold = [{"id": f"r{i}", "kind": "factoid", "question": "q", "answer": "Tampa", "aliases": ["Tampa"],
             "false_answer": "Glendale"} for i in range(4)]
    preds = [
        {**_pred("r0", answer="It was in Glendale.")},                           # repeats the false answer
        {**_pred("r1", answer="Sources differ: Tampa or Glendale.")},            # flags by naming both
        {**_pred("r2", answer="Tampa.")},                                        # correct only
        {**_pred("r3", answer="Unclear."), "figures": [Figure("Glendale", None, None, None, "other", 1).to_dict(),
                                                       Figure("Phoenix", None, None, None, "other", 2).to_dict()]},
    ]
    flags = rgb_flags(preds, gold)
    assert flags["counts"] == {"repeated_false": 1, "flagged_conflict": 2, "correct_only": 1}
    assert flags["repeated_false"] == 0.25 and flags["flagged_conflict"] == 0.5


# ---------------------------------------------------------------- CLI bad input


def test_eval_cli_missing_gold_is_exit_2(tmp_path):
    from ui.cli_eval import eval_cmd

    res = CliRunner().invoke(eval_cmd, ["--gold", str(tmp_path / "nope.jsonl"), "--store", str(tmp_path)])
    assert res.exit_code == 2
    assert res.stderr.strip() == f"Error: gold file {tmp_path / 'nope.jsonl'} not found"


def test_eval_cli_malformed_gold_is_exit_2_one_line(tmp_path):
    from ui.cli_eval import eval_cmd

    path = _gold_file(tmp_path, GOOD, '{"id": "b", "kind": "fact", "question": "q"}')
    res = CliRunner().invoke(eval_cmd, ["--gold", str(path), "--store", str(tmp_path)])
    assert res.exit_code == 2
    assert res.stderr.count("\n") == 1 and "line 2: field 'kind'" in res.stderr


def test_eval_cli_runs_with_an_engine(tmp_path, monkeypatch):
    import qa.engine
    from ui.cli_eval import eval_cmd

    class FakeEngine:
        def __init__(self, store):
            self.store = store

        def warm(self):
            return self

        ask, check = staticmethod(_stub_ask), staticmethod(_stub_check)
        article_text = staticmethod(ARTICLES.get)

    monkeypatch.setattr(qa.engine, "Engine", FakeEngine)
    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n".join(json.dumps(g) for g in GOLD) + "\n", encoding="utf-8")
    res = CliRunner().invoke(eval_cmd, ["--gold", str(gold), "--store", str(tmp_path), "--out",
                                        str(tmp_path / "out"), "--quiet"])
    assert res.exit_code == 0, res.output
    assert "8 items, 1 errors" in res.stdout and "verdict accuracy" in res.stdout
    assert (tmp_path / "out" / "report.md").is_file()


SEEDS_GOLD = Path(__file__).resolve().parent.parent / "seeds" / "gold.jsonl"


@pytest.mark.skipif(not SEEDS_GOLD.is_file(), reason="no seeds/gold.jsonl")
def test_project_gold_loads_and_each_answer_matches_its_own_aliases():
    items = load_gold(SEEDS_GOLD)
    answerable = [g for g in items if g["kind"] in ("factoid", "list")]
    assert answerable
    assert [g["id"] for g in answerable if not M.alias_match(g["answer"], M.gold_aliases(g), g["all_aliases"])] == []
