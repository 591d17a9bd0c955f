"""qa.eval.bench adapters on the real shared evaluation data (../shared/eval or $FACTQA_EVAL_DATA)."""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from qa.eval.bench import prepare
from qa.eval.bench.common import data_root, split_sentences
from qa.eval.evaluate import load_gold

try:
    DATA = data_root()
except FileNotFoundError:  # pragma: no cover - depends on the machine
    DATA = None
needs_data = pytest.mark.skipif(DATA is None, reason="shared evaluation data not found")


def _read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _check_consistent(out: Path) -> tuple[list[dict], list[dict]]:
    """Unique ids, gold valid for load_gold, every source in the corpus, evidence verbatim in a source."""
    corpus = _read(out / "corpus.jsonl")
    texts = {a["id"]: a["text"] for a in corpus}
    assert len(texts) == len(corpus)
    assert all(isinstance(a["title"], str) and a["text"].strip() for a in corpus)
    gold = load_gold(out / "gold.jsonl")
    for item in gold:
        assert all(s in texts for s in item["sources"]), item["id"]
        for ev in item["evidence"]:
            assert any(ev in texts[s] for s in item["sources"]), (item["id"], ev)
    return corpus, gold


@needs_data
def test_scifact_report(tmp_path):
    summary = prepare("scifact", "report", tmp_path)
    corpus, gold = _check_consistent(tmp_path)
    assert len(corpus) == summary["corpus"] == 5183
    assert len(gold) == 300
    assert Counter(g["verdict"] for g in gold) == {"supported": 124, "refuted": 64, "not_enough_evidence": 112}
    assert sum(bool(g["sources"]) for g in gold) == 188  # NEI claims carry no sources
    nei = next(g for g in gold if g["verdict"] == "not_enough_evidence")
    assert nei["sources"] == [] and nei["evidence"] == [] and nei["cited_sources"]
    assert corpus[0]["id"] == "scifact-4983"


@needs_data
def test_scifact_tune_is_claims_train(tmp_path):
    summary = prepare("scifact", "tune", tmp_path)
    assert summary["gold"] == 809
    assert summary["verdicts"] == {"not_enough_evidence": 304, "refuted": 173, "supported": 332}


@pytest.fixture(scope="module")
def realtimeqa_out(tmp_path_factory):
    """Each realtimeqa split prepared once for this module (about 2 s each)."""
    made: dict[str, tuple[Path, dict]] = {}

    def get(split: str) -> tuple[Path, dict]:
        if split not in made:
            out = tmp_path_factory.mktemp(f"realtimeqa-{split}")
            made[split] = (out, prepare("realtimeqa", split, out))
        return made[split]

    return get


@needs_data
@pytest.mark.parametrize("split, corpus_n, added, unanswerable", [("tune", 765, 0, 7), ("report", 730, 0, 25)])
def test_realtimeqa(realtimeqa_out, split, corpus_n, added, unanswerable):
    out, summary = realtimeqa_out(split)
    corpus, gold = _check_consistent(out)
    assert len(gold) == 120 and len(corpus) == corpus_n
    weeks = {g["week"] for g in gold}
    assert weeks == ({"20230106", "20230113", "20230120", "20230127"} if split == "tune"
                     else {"20230203", "20230210", "20230217", "20230224"})
    assert sum(a["id"].startswith("rtqa-evidence-") for a in corpus) == added
    assert sum(g["kind"] == "unanswerable" for g in gold) == unanswerable
    urls = [a["url"] for a in corpus if a.get("url")]
    assert len(set(urls)) == len(urls)
    assert any("rtqa-evidence" in note for note in summary["notes"])


@needs_data
def test_realtimeqa_answer_is_the_right_choice_and_sources_contain_it(realtimeqa_out):
    out, _ = realtimeqa_out("tune")
    gold = {g["id"]: g for g in load_gold(out / "gold.jsonl")}
    texts = {a["id"]: a["text"] for a in _read(out / "corpus.jsonl")}
    hamlin = gold["rtqa-20230106_0"]
    assert (hamlin["answer"], hamlin["aliases"]) == ("Buffalo Bills", ["Buffalo Bills"])
    assert hamlin["sources"] and all("Buffalo Bills" in texts[s] for s in hamlin["sources"])


@needs_data
def test_realtimeqa_plants_nothing_by_default(realtimeqa_out):
    """Questions without search results are 'not in the corpus', not given their quiz paragraph."""
    out, summary = realtimeqa_out("report")
    assert summary["no_results"] == "unanswerable"
    assert summary["kinds"] == {"factoid": 95, "unanswerable": 25}
    gold = load_gold(out / "gold.jsonl")
    assert all(g["quiz_answer"] and not g["sources"] for g in gold if g["kind"] == "unanswerable")


@needs_data
def test_realtimeqa_planting_the_evidence_paragraph_is_opt_in(tmp_path):
    from qa.eval.bench import realtimeqa

    summary = realtimeqa.prepare("tune", tmp_path, no_results="evidence")
    assert summary["kinds"] == {"factoid": 119, "unanswerable": 1}
    assert sum(a["id"].startswith("rtqa-evidence-") for a in _read(tmp_path / "corpus.jsonl")) == 6


@needs_data
def test_rgb_report(tmp_path):
    summary = prepare("rgb", "report", tmp_path)
    corpus, gold = _check_consistent(tmp_path)
    assert len(gold) == 70 and gold[0]["id"] == "rgb-30" and gold[-1]["id"] == "rgb-99"
    assert all(g["false_answer"] and g["sources"] and g["false_sources"] for g in gold)
    assert {a["id"].split("-")[2] for a in corpus} == {"pos", "wrong", "neg"}
    assert summary["corpus"] == len(corpus)
    dated = next(g for g in gold if g["id"] == "rgb-33")
    assert dated["aliases"][0].split("|")[:2] == ["November 12 2020", "Nov 12, 2020"]
    assert not dated["all_aliases"]


@needs_data
def test_rgb_tune_is_first_30(tmp_path):
    prepare("rgb", "tune", tmp_path)
    gold = load_gold(tmp_path / "gold.jsonl")
    assert [g["id"] for g in gold] == [f"rgb-{i}" for i in range(30)]
    super_bowl = gold[0]
    assert (super_bowl["answer"], super_bowl["false_answer"]) == ("Tampa, Florida", "Glendale, Arizona")
    assert super_bowl["sources"] == ["rgb-0-pos-0", "rgb-0-pos-1", "rgb-0-pos-2"]


@needs_data
@pytest.mark.parametrize("split, claims, corpus_n, verdicts", [
    ("tune", 231, 985, {"supported": 77, "refuted": 58, "not_enough_evidence": 79, "conflicting": 17}),
    ("report", 1304, 4592, {"supported": 577, "refuted": 195, "not_enough_evidence": 395, "conflicting": 137}),
])
def test_climate_fever(tmp_path, split, claims, corpus_n, verdicts):
    prepare("climate-fever", split, tmp_path)
    corpus, gold = _check_consistent(tmp_path)
    assert len(gold) == claims and len(corpus) == corpus_n
    assert Counter(g["verdict"] for g in gold) == verdicts
    ids = [int(g["id"].removeprefix("climate-fever-")) for g in gold]
    assert (max(ids) < 500) if split == "tune" else (min(ids) >= 500)
    assert all(len(g["candidate_sources"]) == 5 for g in gold)


def test_climate_fever_doc_id_keeps_colons_in_article_names():
    from qa.eval.bench.climate_fever import evidence_doc_id

    assert evidence_doc_id("Global warming:14") == "cf-Global-warming-14"
    assert evidence_doc_id("Ratio: A B:3") == "cf-Ratio-A-B-3"


def test_unknown_name_and_split_are_rejected(tmp_path):
    with pytest.raises(ValueError, match="unknown benchmark 'squad'; choose one of scifact"):
        prepare("squad", "tune", tmp_path)
    with pytest.raises(ValueError, match="split must be one of tune, report; got 'dev'"):
        prepare("rgb", "dev", tmp_path)


def test_missing_data_folder_names_the_env_var(tmp_path, monkeypatch):
    monkeypatch.setenv("FACTQA_EVAL_DATA", str(tmp_path / "nowhere"))
    with pytest.raises(FileNotFoundError, match="FACTQA_EVAL_DATA"):
        prepare("rgb", "tune", tmp_path / "out")


def test_split_sentences_returns_substrings():
    text = 'He said "yes." Then he left.\nThe U.S. had 11,000 troops! Really?'
    parts = split_sentences(text)
    assert parts == ['He said "yes."', "Then he left.", "The U.S. had 11,000 troops!", "Really?"]
    assert all(p in text for p in parts)


@needs_data
def test_bench_prepare_cli(tmp_path):
    from ui.cli_eval import bench_group

    res = CliRunner().invoke(bench_group, ["prepare", "rgb", "--split", "tune", "--out", str(tmp_path)])
    assert res.exit_code == 0, res.output
    assert "rgb tune: 415 articles, 30 gold items (factoid 30)" in res.stdout
    assert "rgb-20-neg-1" in res.stdout  # the cookie notice left out
    assert (tmp_path / "corpus.jsonl").is_file() and (tmp_path / "gold.jsonl").is_file()


def test_bench_prepare_cli_bad_data_is_exit_2(tmp_path):
    from ui.cli_eval import bench_group

    res = CliRunner().invoke(bench_group, ["prepare", "rgb", "--split", "tune", "--out", str(tmp_path),
                                           "--data", str(tmp_path / "nowhere")])
    assert res.exit_code == 2
    assert res.stderr.startswith("Error: rgb: evaluation data folder") and res.stderr.count("\n") == 1


def test_llm_claim_sample_keeps_verdict_shares_and_is_seeded(tmp_path):
    from qa.eval.benchmarks import claim_sample

    gold = tmp_path / "gold.jsonl"
    items = [{"id": f"c{i}", "kind": "claim", "question": f"claim {i}", "answer": "", "aliases": [],
              "verdict": v, "sources": [], "evidence": []}
             for i, v in enumerate(["supported"] * 50 + ["refuted"] * 30 + ["not_enough_evidence"] * 20)]
    gold.write_text("".join(json.dumps(x) + "\n" for x in items), encoding="utf-8")
    a = [x["id"] for x in load_gold(claim_sample(gold, tmp_path / "a.jsonl", 10))]
    b = [x["id"] for x in load_gold(claim_sample(gold, tmp_path / "b.jsonl", 10))]
    assert a == b and len(a) == 10
    assert a == sorted(a, key=lambda i: int(i[1:]))  # file order kept
    assert Counter(items[int(i[1:])]["verdict"] for i in a) == {"supported": 5, "refuted": 3, "not_enough_evidence": 2}
    assert len(load_gold(claim_sample(gold, tmp_path / "all.jsonl", 500))) == 100


def test_realtimeqa_run_table_names_split_and_unanswerable_rule():
    from qa.eval.realtimeqa_run import render

    rows = {m: {"n": 10, "errors": 0, "answer_accuracy": a, "answerable_n": 8, "answerable_accuracy": b,
                "answerable_refusal_rate": r, "unanswerable_n": 2, "unanswerable_caught": c, "recall@5": 0.9,
                "mrr@10": 0.7, "latency_p50_ms": 12.34}
            for m, a, b, r, c in (("hybrid", 0.5, 0.5, 0.25, 0.5), ("baseline", 0.4, 0.5, 0.0, 0.0))}
    md = render({"split": "report", "weeks": ["20230203"], "label": "old-engine", "rows": rows,
                 "command": "python -m qa.eval.realtimeqa_run --split report", "environment": {}})
    assert "8 answerable, 2 without search results, counted as unanswerable" in md
    assert "never tuned on" in md
    assert "| factqa hybrid | 0.500 | 0.500 | 0.250 | 0.500 | 0.900 | 0.700 | 12.3 |" in md
    assert "| BM25 top-sentence baseline | 0.400 | 0.500 | 0.000 | 0.000 |" in md


@needs_data
def test_realtimeqa_run_reprepares_a_planted_folder(tmp_path):
    from qa.eval.bench import realtimeqa
    from qa.eval.realtimeqa_run import prepared_realtimeqa

    realtimeqa.prepare("tune", tmp_path / "realtimeqa-tune", no_results="evidence")
    out = prepared_realtimeqa(tmp_path, "tune")
    assert json.loads((out / "summary.json").read_text())["no_results"] == "unanswerable"
    assert not any(a["id"].startswith("rtqa-evidence-") for a in _read(out / "corpus.jsonl"))


def test_ensure_store_sets_an_unusable_store_aside_instead_of_deleting_it(tmp_path, monkeypatch):
    """A store the benchmark cannot reuse (older format, another corpus) is kept, not deleted."""
    from qa.eval import benchmarks

    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text('{"id": "a", "title": "T", "text": "One sentence here."}\n', encoding="utf-8")
    store = tmp_path / "store"
    store.mkdir()
    (store / "keep.txt").write_text("old generation", encoding="utf-8")
    built = []
    from types import SimpleNamespace

    def fake_build(s, *a, **k):
        built.append(s)
        s.mkdir()
        return SimpleNamespace(articles=1, chunks=1)

    monkeypatch.setattr("index.build.update_store", fake_build)
    monkeypatch.setattr(benchmarks, "_store_ok", lambda *a: False)
    assert benchmarks.ensure_store(corpus, store, "minilm") == store
    asides = [p for p in tmp_path.iterdir() if p.name.startswith("store.aside-")]
    assert len(asides) == 1 and (asides[0] / "keep.txt").read_text(encoding="utf-8") == "old generation"
    assert built == [store]
