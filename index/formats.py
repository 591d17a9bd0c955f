"""Store format versions: which one this factqa writes, and how an older one is recognised.

- 1: ``manifest.json`` only, with the sha256 of five files;
- 2: every file (BM25 included) checksummed with its size, and ``manifest.sha256``.

A store of an older version is not corrupt: it is a ``StoreOutdatedError`` that names
``factqa index upgrade`` (``index.upgrade``), which brings it up to date without re-embedding.
"""
from __future__ import annotations

import json
from pathlib import Path

from index import integrity
from index.errors import StoreOutdatedError

FORMAT_VERSION = 2


def outdated(root: Path, version: int) -> StoreOutdatedError:
    """The error for a store of an older format: it names the command that upgrades it."""
    return StoreOutdatedError(
        f"the store at {root} has format version {version}, written by an older factqa (this one reads version "
        f"{FORMAT_VERSION}); upgrade it in place, without re-embedding, with: factqa index upgrade {root}", version)


def old_format_version(gen: Path) -> int | None:
    """The format version of a generation written before ``manifest.sha256`` existed (format 1), from
    its ``manifest.json``; None when ``gen`` is not such a generation."""
    if (gen / integrity.MANIFEST_SUM).exists():
        return None
    try:
        version = json.loads((gen / integrity.MANIFEST).read_text(encoding="utf-8")).get("format_version")
    except (OSError, UnicodeDecodeError, ValueError, AttributeError):
        return None
    return version if isinstance(version, int) and 0 < version < FORMAT_VERSION else None
