"""``factqa index upgrade``: bring a folder store written by an older factqa up to date, in place.

Nothing is embedded again: the records and vectors of the live generation are kept byte for
byte, checked first against the checksums the old manifest recorded. What the current format
adds is written next to them, in a new generation:

- format 1 -> 2: ``manifest.sha256`` and the size and sha256 of every file (BM25 included);
- ``bm25-articles/`` (BM25 over whole articles) for stores written before it;
- ``sentences.hnsw`` for stores of ``SENTENCE_ANN_THRESHOLD`` sentences or more written before it.

Like a build, the upgrade writes a hidden temporary generation and only then points CURRENT at
it (``index.store.publish_generation``): if anything fails, the old store stays as it was and
usable by an older factqa.
"""
from __future__ import annotations

import json
import logging
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from index import integrity
from index.backends import is_milvus
from index.errors import StoreError, StoreMismatchError
from index.store import (ARTICLE_BM25, FORMAT_VERSION, SENTENCE_ANN, SENTENCE_ANN_THRESHOLD, StoreData,
                         current_generation, discard_on_failure, new_generation_name, publish_generation,
                         read_generation, read_manifest, rebuild_hint, remove_stale)

log = logging.getLogger(__name__)

FORMAT_1_FILES = ("articles.jsonl", "chunks.jsonl", "sentences.jsonl", "chunks.faiss", "sentences.npy")


@dataclass(frozen=True)
class UpgradeReport:
    root: Path
    from_version: int
    to_version: int
    generation: str  # the live generation after the command (unchanged when nothing was to do)
    added: tuple[str, ...] = ()  # what was written: "manifest.sha256", "bm25-articles", ...
    seconds: float = 0.0
    lock_wait_seconds: float = 0.0

    @property
    def changed(self) -> bool:
        return bool(self.added)

    def summary(self) -> str:
        if not self.changed:
            return f"the store at {self.root} is already in format {self.to_version} with every piece; nothing to do"
        frm = (f"from format {self.from_version} to {self.to_version}" if self.from_version != self.to_version
               else f"in format {self.to_version}")
        return (f"upgraded the store at {self.root} {frm}: wrote {', '.join(self.added)}; no text was re-embedded "
                f"({self.seconds:.1f}s)")


def _old_manifest(root: Path, gen: Path) -> dict:
    """The live manifest: checked against manifest.sha256 when there is one (format 2), else as written (format 1)."""
    if (gen / integrity.MANIFEST_SUM).exists():
        return read_manifest(root, gen)
    try:
        manifest = json.loads((gen / integrity.MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise integrity.corrupt(root, gen, f"{integrity.MANIFEST}: missing", rebuild_hint(root)) from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise integrity.corrupt(root, gen, f"{integrity.MANIFEST}: unreadable ({exc})", rebuild_hint(root)) from exc
    if not isinstance(manifest, dict):
        raise integrity.corrupt(root, gen, f"{integrity.MANIFEST}: not a JSON object", rebuild_hint(root))
    return manifest


def _check_old_files(root: Path, gen: Path, manifest: dict) -> None:
    """Every file the old manifest recorded must still match it: a damaged store is not upgraded."""
    files = manifest.get("files") or {}
    if not isinstance(files, dict) or set(FORMAT_1_FILES) - set(files):
        raise integrity.corrupt(root, gen, "manifest.json does not list the store's files", rebuild_hint(root))
    # format 1 recorded {name: sha256}; format 2 {name: {"sha256": ..., "bytes": ...}}
    checks = [integrity.check_file(gen, name, rec["sha256"], rec.get("bytes")) if isinstance(rec, dict)
              else integrity.check_file(gen, name, str(rec), None) for name, rec in files.items()]
    bad = [c for c in checks if not c.ok]
    if bad:
        more = f" and {len(bad) - 1} more file(s)" if len(bad) > 1 else ""
        raise integrity.corrupt(root, gen, bad[0].describe() + more + "; it cannot be upgraded", rebuild_hint(root))


def _checked_old(root: Path, gen: Path) -> tuple[dict, int]:
    """The live manifest and its format version, once every file it recorded has been checked."""
    manifest = _old_manifest(root, gen)
    version = manifest.get("format_version")
    if not isinstance(version, int) or not 0 < version <= FORMAT_VERSION:
        raise StoreMismatchError(f"the store at {root} has format version {version!r}, which this factqa "
                                 f"(version {FORMAT_VERSION}) cannot upgrade; {rebuild_hint(root)}")
    _check_old_files(root, gen, manifest)
    return manifest, version


def load_outdated(root: Path) -> StoreData:
    """The live generation of a store of an older format, read as this version's (in memory only):
    an ``index build`` or ``add`` on it keeps its vectors and writes the current format."""
    gen = current_generation(root)
    manifest, _ = _checked_old(root, gen)
    return read_generation(root, gen, {**manifest, "format_version": FORMAT_VERSION})


def _count_lines(path: Path) -> int:
    with open(path, "rb") as f:
        return sum(1 for line in f if line.strip())


def upgrade_store(store_path: str | Path, *, on_lock_wait: Callable[[Path], None] | None = None) -> UpgradeReport:
    """Upgrade the folder store at ``store_path`` to ``FORMAT_VERSION`` with every piece this
    version writes, re-using its records and vectors; atomic (see the module docstring)."""
    from index.build import BuildReport, writer_lock

    if is_milvus(store_path):
        raise StoreError(f"index upgrade works on folder stores; a Milvus store ({store_path}) is rebuilt with: "
                         f"factqa index build ... --store {store_path}")
    root = Path(store_path)
    lock_report = BuildReport()
    integrity.check_store_path(root)
    gen = current_generation(root)  # before taking the lock: no lock file in a folder that is no store
    integrity.ensure_writable(root)
    with writer_lock(root, lock_report, on_lock_wait):
        t0 = time.perf_counter()
        gen = current_generation(root)
        manifest, version = _checked_old(root, gen)
        n_sentences = _count_lines(gen / "sentences.jsonl")
        added = ([integrity.MANIFEST_SUM] if version < FORMAT_VERSION else []) + \
            ([ARTICLE_BM25] if not (gen / ARTICLE_BM25).is_dir() else []) + \
            ([SENTENCE_ANN] if n_sentences >= SENTENCE_ANN_THRESHOLD and not (gen / SENTENCE_ANN).is_file() else [])
        if not added:
            return UpgradeReport(root, version, FORMAT_VERSION, gen.name, lock_wait_seconds=lock_report.lock_wait_seconds)
        name = new_generation_name()
        tmp = root / f".{name}.tmp"
        with discard_on_failure(root, tmp):
            shutil.copytree(gen, tmp, ignore=lambda d, names: [n for n in names if Path(d) == gen and n in {
                integrity.MANIFEST, integrity.MANIFEST_SUM}])
            _write_pieces(tmp, added)
            new = dict(manifest)
            new["format_version"] = FORMAT_VERSION
            new.setdefault("counts", {"articles": _count_lines(tmp / "articles.jsonl"),
                                      "chunks": _count_lines(tmp / "chunks.jsonl"), "sentences": n_sentences})
            new["upgraded"] = {"from_format": version, "from_generation": gen.name, "added": added,
                               "at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
            new["files"] = integrity.record_files(tmp)
            integrity.write_manifest(tmp, new)
            publish_generation(root, tmp, name)
        remove_stale(root, keep=name)
        log.info("upgraded %s from format %s: %s", root, version, ", ".join(added))
        return UpgradeReport(root, version, FORMAT_VERSION, name, tuple(added), time.perf_counter() - t0,
                             lock_report.lock_wait_seconds)


def _write_pieces(gen: Path, added: list[str]) -> None:
    """The pieces the current format adds, from the generation's own records and vectors."""
    if ARTICLE_BM25 in added:
        from index.lexical import LexicalIndex

        with open(gen / "articles.jsonl", encoding="utf-8") as f:
            texts = [json.loads(line)["text"] for line in f if line.strip()]
        LexicalIndex.build(texts).save(gen / ARTICLE_BM25)
    if SENTENCE_ANN in added:
        import faiss

        from index.store import make_sentence_ann

        vectors = np.load(gen / "sentences.npy", allow_pickle=False, mmap_mode="r")
        faiss.write_index(make_sentence_ann(np.asarray(vectors, np.float32)), str(gen / SENTENCE_ANN))
