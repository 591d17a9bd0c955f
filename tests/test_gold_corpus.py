"""qa.eval.gold_corpus rebuilds RealTimeQA articles exactly as ``bench prepare realtimeqa`` does (invented data)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from qa.eval.bench.realtimeqa import WEEKS, prepare
from qa.eval.gold_corpus import cleaned_texts, realtimeqa_articles

STORY = ("Wirenet shares fell sharply in Oslo on Tuesday after the company said it would cut 400 jobs. "
         "Chief executive Ana Brandt said the cuts were painful but necessary.")


def _write(path: Path, rows: list[dict]) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """Four invented tune weeks; two urls share one text, one result has no text."""
    folder = tmp_path / "eval" / "realtimeqa"
    folder.mkdir(parents=True)
    for n, week in enumerate(WEEKS["tune"]):
        qid = f"{week}_0"
        _write(folder / f"{week}_qa.jsonl", [{
            "question_id": qid, "question_sentence": "How many jobs will Wirenet cut?",
            "choices": ["400", "40", "4,000", "none"], "answer": ["0"], "evidence": "",
            "question_date": f"{week[:4]}/{week[4:6]}/{week[6:]}", "question_source": "Ledger"}])
        _write(folder / f"{week}_gcs.jsonl", [{"question_id": qid, "search_result": [
            {"url": f"https://ledger.example/wirenet-{n}", "title": "Wirenet cuts jobs", "text": STORY,
             "publish_date": "2023/01/0%d" % (n + 1)},
            {"url": f"https://news.example/story-{n}", "title": f"Story {n}",
             "text": f"Oslo council met on day {n}. It approved a new tram line to the harbour."},
            {"url": "https://empty.example/x", "title": "nothing", "text": ""}]}])
    return tmp_path / "eval"


def test_articles_are_the_ones_prepare_writes(data_dir, tmp_path):
    prepare("tune", tmp_path / "out", data_dir=data_dir)
    written = [json.loads(line) for line in (tmp_path / "out" / "corpus.jsonl").read_text().splitlines()]
    rebuilt = realtimeqa_articles("tune", data_dir)
    assert list(rebuilt) == [a["id"] for a in written]
    assert list(rebuilt.values()) == written
    assert len(rebuilt) == 5  # one Wirenet story (same text under four urls) + four council stories


def test_cleaned_texts_are_what_the_loader_keeps(data_dir, tmp_path):
    records = list(realtimeqa_articles("tune", data_dir).values())[:2]
    texts = cleaned_texts(records, tmp_path)
    assert set(texts) == {r["id"] for r in records}
    assert "Chief executive Ana Brandt said the cuts were painful but necessary." in texts[records[0]["id"]]


def test_missing_data_folder_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="does not exist"):
        realtimeqa_articles("tune", tmp_path / "absent")
    with pytest.raises(ValueError):
        realtimeqa_articles("nope", tmp_path)
