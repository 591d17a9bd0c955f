"""Shared helpers of the benchmark adapters: where the data lives, JSONL in and out."""
from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any, Iterable, Iterator

ENV_DATA = "FACTQA_EVAL_DATA"
SPLITS = ("tune", "report")
# qa/eval/bench/common.py -> repo root -> ../shared/eval
DEFAULT_DATA = Path(__file__).resolve().parents[3].parent / "shared" / "eval"


def data_root(data_dir: str | Path | None = None) -> Path:
    """The evaluation data folder: ``data_dir``, else $FACTQA_EVAL_DATA, else ``../shared/eval``."""
    root = Path(data_dir or os.environ.get(ENV_DATA) or DEFAULT_DATA)
    if not root.is_dir():
        raise FileNotFoundError(
            f"evaluation data folder {root} does not exist; pass data_dir or set {ENV_DATA}"
        )
    return root


def dataset_file(root: Path, *parts: str) -> Path:
    path = root.joinpath(*parts)
    if not path.is_file():
        raise FileNotFoundError(f"benchmark file {path} is missing; is {root} the shared eval folder?")
    return path


def check_split(split: str) -> None:
    if split not in SPLITS:
        raise ValueError(f"split must be one of {', '.join(SPLITS)}; got {split!r}")


def read_jsonl(path: Path) -> Iterator[dict]:
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def write_jsonl(path: Path, records: Iterable[dict[str, Any]]) -> int:
    """Write records to ``path`` via a temp file and rename; returns the number written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    n = 0
    with tmp.open("w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
            n += 1
    os.replace(tmp, path)
    return n


def write_outputs(out_dir: str | Path, corpus: list[dict], gold: list[dict], summary: dict) -> dict:
    """Write ``corpus.jsonl``, ``gold.jsonl`` and ``summary.json``; return the summary."""
    out = Path(out_dir)
    ids = [a["id"] for a in corpus]
    if len(set(ids)) != len(ids):  # pragma: no cover - adapters guarantee unique ids
        raise AssertionError("duplicate article ids in a prepared corpus")
    summary = {**summary, "out_dir": str(out), "corpus": write_jsonl(out / "corpus.jsonl", corpus),
               "gold": write_jsonl(out / "gold.jsonl", gold)}
    kinds: dict[str, int] = {}
    verdicts: dict[str, int] = {}
    for item in gold:
        kinds[item["kind"]] = kinds.get(item["kind"], 0) + 1
        if item.get("verdict"):
            verdicts[item["verdict"]] = verdicts.get(item["verdict"], 0) + 1
    summary["kinds"], summary["verdicts"] = kinds, verdicts
    summary["with_sources"] = sum(bool(item["sources"]) for item in gold)
    (out / "summary.json").write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return summary


_SENT_END = re.compile(r"[.!?][\"'”’)\]]*(?=\s+[\"“'‘(\[]?[A-Z0-9])")


def split_sentences(text: str) -> list[str]:
    """Rough sentence split (paragraphs, then end punctuation); each piece is a substring of ``text``."""
    out = []
    for para in text.split("\n"):
        start = 0
        for m in _SENT_END.finditer(para):
            piece = para[start:m.end()].strip()
            if piece:
                out.append(piece)
            start = m.end()
        piece = para[start:].strip()
        if piece:
            out.append(piece)
    return out
