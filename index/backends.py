"""Which store a ``--store`` value names, and opening it.

- a folder (``.factqa/store``): the file store (FAISS + BM25 files), the default;
- ``milvus:PATH.db``: Milvus Lite, embedded in this process, data in ``PATH.db``;
- ``milvus+http://HOST:19530/NAME`` (or ``milvus+https://``): collections named ``NAME``
  on a Milvus server or cluster (token from ``$MILVUS_TOKEN`` when it needs one).

Both stores answer the same reads (``index.store.Store``); ``index.build.update_store``
writes either.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from index.errors import StoreError

MILVUS_PREFIX = "milvus"
DEFAULT_COLLECTION = "factqa"
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,100}$")
# one slash is accepted after the scheme, because pathlib folds "//" into "/"
_SERVER = re.compile(r"^milvus\+(https?):/{1,2}([^/]+)/([^/]+)/?$")


@dataclass(frozen=True)
class MilvusSpec:
    """Where a Milvus store lives: ``uri`` for the client and the collection ``name`` (an alias)."""

    uri: str
    name: str
    lite: bool
    spec: str  # as the user wrote it

    def __str__(self) -> str:
        return self.spec


def is_milvus(spec: str | Path | None) -> bool:
    return spec is not None and str(spec).startswith((MILVUS_PREFIX + ":", MILVUS_PREFIX + "+"))


def parse_milvus(spec: str | Path) -> MilvusSpec:
    """``milvus:PATH.db`` or ``milvus+http://HOST:PORT/NAME`` -> a :class:`MilvusSpec`."""
    text = str(spec)
    m = _SERVER.match(text)
    if m:
        scheme, host, name = m.groups()
        _check_name(name, text)
        return MilvusSpec(f"{scheme}://{host}", name, False, f"milvus+{scheme}://{host}/{name}")
    if text.startswith(MILVUS_PREFIX + ":"):
        path = text[len(MILVUS_PREFIX) + 1:]
        if not path.endswith(".db"):
            raise StoreError(f"a Milvus Lite store is a file ending in .db, e.g. milvus:/data/news.db; got {text!r}")
        return MilvusSpec(str(Path(path).expanduser().resolve()), DEFAULT_COLLECTION, True, text)
    raise StoreError(f"{text!r} is not a Milvus store; use milvus:PATH.db (Milvus Lite) "
                     "or milvus+http://HOST:19530/NAME (a Milvus server)")


def _check_name(name: str, spec: str) -> None:
    if not _NAME.match(name):
        raise StoreError(f"the collection name in {spec!r} must be letters, digits and _ (not starting with a digit), "
                         f"at most 100 characters; got {name!r}")


def open_store(spec: str | Path | None = None):
    """The store ``spec`` names, not yet loaded (``.load()`` reads it): a file ``Store`` or a ``MilvusStore``."""
    from index.store import Store, default_store_path

    spec = spec if spec else default_store_path()
    if is_milvus(spec):
        from index.milvus_store import MilvusStore

        return MilvusStore(parse_milvus(spec))
    return Store(spec)
