"""Committed model weights (``qa/data/*.json``), read once per process.

The learned models (``qa.verdict_model``, ``qa.rank``) ship their fitted weights as small JSON files written
by their training commands; ``read_once(path)`` parses a file on first use and hands every later caller the
same dict (``None`` when the file is not there, so a model can be absent and its switch stay off).
"""
from __future__ import annotations

import functools
import json
from pathlib import Path


@functools.lru_cache(maxsize=8)
def read_once(path: Path) -> dict | None:
    """The parsed JSON at ``path`` (cached per path), or None when there is no such file."""
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None
