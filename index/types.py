"""Plain records that flow through the index: articles, sentences, chunks, search hits."""
from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field, fields
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple


def content_hash(text: str, meta: dict[str, Any] | None = None) -> str:
    """sha256 over text plus metadata dumped with sorted keys (idempotent ids)."""
    payload = json.dumps({"text": text, "meta": meta or {}}, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def file_sha256(path: Path) -> str:
    """sha256 of a file's bytes, read 1 MB at a time (store files, joined model files)."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


class _Record:
    def to_dict(self) -> dict[str, Any]:
        return asdict(self)  # type: ignore[call-overload]

    @classmethod
    def from_dict(cls, data: dict[str, Any]):
        names = _field_names(cls)
        kwargs = {k: v for k, v in data.items() if k in names}
        for k in ("sentences", "captions"):
            v = kwargs.get(k)
            if isinstance(v, list):
                kwargs[k] = tuple(tuple(x) if isinstance(x, list) else x for x in v)
        return cls(**kwargs)


@lru_cache(maxsize=None)
def _field_names(cls) -> frozenset[str]:
    """A record class's field names (``dataclasses.fields`` once per class, not once per record:
    a store load builds one record per article, chunk and sentence)."""
    return frozenset(f.name for f in fields(cls))


@dataclass(frozen=True)
class Article(_Record):
    """A cleaned article. ``text`` is the text every offset refers to."""

    id: str
    title: str
    text: str
    source: str = ""
    url: str | None = None
    date: str | None = None
    outlet: str | None = None
    # (start, end) spans of photo captions inside ``text``: kept, but marked.
    captions: tuple[tuple[int, int], ...] = ()

    @property
    def hash(self) -> str:
        return content_hash(self.text)


@dataclass(frozen=True)
class Sentence(_Record):
    """One sentence of an article, addressable by offsets: ``article.text[start:end] == text``."""

    id: str  # "<chunk_id>:s<k>" ... stable within a store
    doc_id: str
    chunk_id: str
    index: int  # sentence index within the article
    start: int
    end: int
    text: str
    caption: bool = False


@dataclass(frozen=True)
class Chunk(_Record):
    """A sentence-aligned window of an article: ``article.text[start:end] == text``."""

    id: str  # "<doc_id>#<chunk_index>"
    doc_id: str
    index: int
    title: str
    source: str
    start: int
    end: int
    text: str
    # sentence spans inside the article: (start, end) pairs, article offsets
    sentences: tuple[tuple[int, int], ...] = field(default_factory=tuple)


class Hit(NamedTuple):
    """One search result: a chunk with its rank and score under one retriever."""

    chunk: Chunk
    score: float
    rank: int
