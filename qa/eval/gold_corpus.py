"""The article texts a gold file's evidence must occur in, for gold items over RealTimeQA news.

Gold sets from v12 on cite RealTimeQA tune-week articles (ids ``rtqa-<sha256(url)[:12]>``) besides the
seed articles. ``realtimeqa_articles`` (the adapter's ``articles``) rebuilds those articles in memory exactly as
``factqa bench prepare realtimeqa --split SPLIT`` does (same weeks, same result order, same url/text
deduplication, hence the same ids), without the slow answer matching ``prepare`` does for its quiz
gold. ``cleaned_texts`` runs chosen articles through the store's own loader, so a test can check an
evidence string against the text citations point into.
"""
from __future__ import annotations

from pathlib import Path

from index.loaders import load_paths
from qa.eval.bench.common import write_jsonl
from qa.eval.bench.realtimeqa import articles


def realtimeqa_articles(split: str, data_dir: str | Path | None = None) -> dict[str, dict]:
    """doc id -> corpus record (id, title, text, url, date, source, outlet) of a RealTimeQA split: the adapter's
    ``articles``, the same loop over the weeks that ``prepare`` runs."""
    return articles(split, data_dir)


def cleaned_texts(records: list[dict], work_dir: str | Path) -> dict[str, str]:
    """doc id -> the text the store keeps for each record (written to ``work_dir`` and loaded back)."""
    path = Path(work_dir) / "gold-articles.jsonl"
    write_jsonl(path, records)
    loaded = load_paths([path])
    if loaded.errors:
        raise ValueError(f"articles did not load: {loaded.errors[:3]}")
    return {a.id: a.text for a in loaded.articles}
