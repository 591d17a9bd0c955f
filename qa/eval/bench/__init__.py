"""Benchmark adapters: turn the shared evaluation data into a factqa corpus and gold file.

``prepare(name, split, out_dir)`` writes ``out_dir/corpus.jsonl`` (one article per line:
id, title, text, optional url/date/source) and ``out_dir/gold.jsonl`` (the ``qa.eval.evaluate`` gold
format), plus ``summary.json``, and returns the summary. Index the corpus file itself
(``factqa index build out_dir/corpus.jsonl``); the data is read from ``data_dir``, else
$FACTQA_EVAL_DATA, else ``../shared/eval`` next to the repository. Each module's docstring says
how its splits, ids, sources and evidence are made.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from qa.eval.bench import averitec, climate_fever, realtimeqa, rgb, scifact
from qa.eval.bench.common import ENV_DATA, SPLITS, data_root
from qa.eval.bench.rgb import rgb_flags

ADAPTERS: dict[str, Callable[..., dict]] = {
    "scifact": scifact.prepare,
    "realtimeqa": realtimeqa.prepare,
    "rgb": rgb.prepare,
    "climate-fever": climate_fever.prepare,
    "averitec": averitec.prepare,
}
NAMES = tuple(ADAPTERS)


def prepare(name: str, split: str, out_dir: str | Path, *, data_dir: str | Path | None = None) -> dict:
    """Write ``corpus.jsonl`` and ``gold.jsonl`` of one benchmark split; return a summary dict."""
    if name not in ADAPTERS:
        raise ValueError(f"unknown benchmark {name!r}; choose one of {', '.join(NAMES)}")
    return ADAPTERS[name](split, out_dir, data_dir)


__all__ = ["ENV_DATA", "NAMES", "SPLITS", "data_root", "prepare", "rgb_flags"]
