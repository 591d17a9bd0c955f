"""The article texts a gold file's evidence must occur in, for gold items over RealTimeQA news.

Gold sets from v12 on cite RealTimeQA tune-week articles (ids ``rtqa-<sha256(url)[:12]>``) besides the
seed articles. ``realtimeqa_articles`` rebuilds those articles in memory exactly as
``factqa bench prepare realtimeqa --split SPLIT`` does (same weeks, same result order, same url/text
deduplication, hence the same ids), without the slow answer matching ``prepare`` does for its quiz
gold. ``cleaned_texts`` runs chosen articles through the store's own loader, so a test can check an
evidence string against the text citations point into.
"""
from __future__ import annotations

from pathlib import Path

from index.loaders import load_paths
from qa.eval.bench.common import check_split, data_root, dataset_file, read_jsonl, write_jsonl
from qa.eval.bench.realtimeqa import WEEKS, _Corpus


def realtimeqa_articles(split: str, data_dir: str | Path | None = None) -> dict[str, dict]:
    """doc id -> corpus record (id, title, text, url, date, source, outlet) of a RealTimeQA split."""
    check_split(split)
    root = data_root(data_dir)
    corpus = _Corpus()
    for week in WEEKS[split]:
        results = {r["question_id"]: r.get("search_result") or []
                   for r in read_jsonl(dataset_file(root, "realtimeqa", f"{week}_gcs.jsonl"))}
        for q in read_jsonl(dataset_file(root, "realtimeqa", f"{week}_qa.jsonl")):
            for res in results.get(q["question_id"], []):
                corpus.add_result(res)
    return corpus.articles


def cleaned_texts(records: list[dict], work_dir: str | Path) -> dict[str, str]:
    """doc id -> the text the store keeps for each record (written to ``work_dir`` and loaded back)."""
    path = Path(work_dir) / "gold-articles.jsonl"
    write_jsonl(path, records)
    loaded = load_paths([path])
    if loaded.errors:
        raise ValueError(f"articles did not load: {loaded.errors[:3]}")
    return {a.id: a.text for a in loaded.articles}
