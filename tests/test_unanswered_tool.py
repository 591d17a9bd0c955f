"""qa.eval.unanswered on invented gold and predictions (tmp_path)."""
import json

import pytest

from qa.eval.unanswered import answered_unanswerables, main


def _write(path, rows):
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")


def test_only_unanswerable_items_that_were_answered_are_listed(tmp_path, capsys):
    gold, preds = tmp_path / "gold_x.jsonl", tmp_path / "p.jsonl"
    _write(gold, [{"id": "a", "kind": "unanswerable", "question": "Who painted the lighthouse?",
                   "answer": "Not stated."},
                  {"id": "b", "kind": "unanswerable", "question": "When did the ferry sink?", "answer": "No sinking."},
                  {"id": "c", "kind": "factoid", "question": "How many cranes?", "answer": "40"}])
    _write(preds, [{"id": "a", "answerable": True, "short_answer": "Ana Ruiz",
                    "citations": [{"n": 1, "score": 0.5, "quote": "Ana Ruiz said the wall was painted."}]},
                   {"id": "b", "answerable": False, "citations": []},
                   {"id": "c", "answerable": True, "short_answer": "40", "citations": []}])
    rows = answered_unanswerables(gold, preds)
    assert [g["id"] for g, _ in rows] == ["a"]
    assert main(["--gold", str(gold), "--predictions", str(preds)]) == 0
    out = capsys.readouterr().out
    assert "== a" in out and "Ana Ruiz said" in out and "1 unanswerable items answered" in out


def test_the_unseen_judge_is_refused(tmp_path):
    with pytest.raises(SystemExit):
        main(["--gold", str(tmp_path / "gold_v14.jsonl"), "--predictions", str(tmp_path / "p.jsonl")])
