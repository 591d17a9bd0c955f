"""The AVeriTeC adapter on a tiny hand-made dev.json (claims 0-199 tune, the rest report)."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from qa.eval.bench import prepare
from qa.eval.evaluate import load_gold

LABELS = ["Refuted", "Supported", "Conflicting Evidence/Cherrypicking", "Not Enough Evidence"]


def _claim(i: int) -> dict:
    return {
        "claim": f"Claim number {i} says the  bridge opened in {1990 + i % 30}.",
        "label": LABELS[i % 4], "claim_date": "01-02-2021", "speaker": None,
        "questions": [
            {"question": f"When did bridge {i} open?",
             "answers": [{"answer": f"It opened in {1991 + i % 30}.", "answer_type": "Extractive",
                          "source_url": f"https://example.org/{i}"}]},
            {"question": f"Was bridge {i} ever closed",
             "answers": [{"answer": "No", "answer_type": "Boolean", "source_url": "https://example.org/b",
                          "boolean_explanation": "It has carried traffic every day."},
                         {"answer": "", "answer_type": "Unanswerable", "source_url": ""}]},
        ],
    }


@pytest.fixture()
def data_dir(tmp_path):
    root = tmp_path / "eval"
    (root / "averitec").mkdir(parents=True)
    (root / "averitec" / "dev.json").write_text(json.dumps([_claim(i) for i in range(203)]), encoding="utf-8")
    return root


def test_tune_is_the_first_200_claims(data_dir, tmp_path):
    summary = prepare("averitec", "tune", tmp_path / "tune", data_dir=data_dir)
    gold = load_gold(tmp_path / "tune" / "gold.jsonl")
    assert [g["id"] for g in gold][:2] == ["averitec-0", "averitec-1"] and len(gold) == 200
    assert summary["verdicts"] == {"refuted": 50, "supported": 50, "conflicting": 50, "not_enough_evidence": 50}


def test_report_is_the_rest_against_the_whole_corpus(data_dir, tmp_path):
    summary = prepare("averitec", "report", tmp_path / "rep", data_dir=data_dir)
    gold = load_gold(tmp_path / "rep" / "gold.jsonl")
    assert [g["id"] for g in gold] == ["averitec-200", "averitec-201", "averitec-202"]
    assert [g["verdict"] for g in gold] == ["refuted", "supported", "conflicting"]
    assert summary["corpus"] == 203 * 2  # the empty unanswerable answer is dropped
    assert gold[0]["question"] == "Claim number 200 says the bridge opened in 2010."


def test_passage_is_question_then_answer(data_dir, tmp_path):
    prepare("averitec", "report", tmp_path / "rep", data_dir=data_dir)
    corpus = {a["id"]: a for a in map(json.loads, (tmp_path / "rep" / "corpus.jsonl").read_text().splitlines())}
    gold = load_gold(tmp_path / "rep" / "gold.jsonl")[1]
    a = corpus["averitec-201-q1-a0"]
    assert a["title"] == "Was bridge 201 ever closed"
    assert a["text"] == "Was bridge 201 ever closed? No. It has carried traffic every day."
    assert a["url"] == "https://example.org/b"
    assert gold["sources"] == ["averitec-201-q0-a0", "averitec-201-q1-a0"]
    assert all(ev in corpus[s]["text"] for s, ev in zip(gold["sources"], gold["evidence"]))


def test_unknown_label_is_a_clear_error(tmp_path):
    root = tmp_path / "eval"
    (root / "averitec").mkdir(parents=True)
    bad = [_claim(i) for i in range(201)]
    bad[200]["label"] = "Mostly true"
    (root / "averitec" / "dev.json").write_text(json.dumps(bad), encoding="utf-8")
    with pytest.raises(ValueError, match="claim 200 has label 'Mostly true'"):
        prepare("averitec", "report", tmp_path / "out", data_dir=root)


def test_cli_prepare(data_dir, tmp_path):
    from ui.cli import main

    out = tmp_path / "cli"
    res = CliRunner().invoke(main, ["bench", "prepare", "averitec", "--split", "report", "--out", str(out),
                                    "--data", str(data_dir)])
    assert res.exit_code == 0, res.output
    assert "averitec report: 406 articles, 3 gold items" in res.output
