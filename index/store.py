"""The on-disk store: FAISS + JSONL + numpy + manifest, written atomically, loaded with checks.

Layout of a store folder::

    CURRENT                 name of the live generation (replaced atomically)
    gen-<time>-<rand>/      one complete, immutable generation
        manifest.json       model, dimension, normalisation, chunking, article hashes, sha256 + size of every file
        manifest.sha256     sha256 of manifest.json
        articles.jsonl      cleaned articles (every offset refers to their ``text``)
        chunks.jsonl        chunks with article offsets and sentence spans
        sentences.jsonl     sentences with article offsets
        chunks.faiss        chunk vectors (inner product on L2-normalised vectors)
        sentences.npy       sentence vectors (float32, no pickle)
        sentences.hnsw      HNSW graph over the sentence vectors, only for stores of
                            ``SENTENCE_ANN_THRESHOLD`` sentences or more (smaller ones are searched exactly)
        bm25/               bm25s index over chunk texts
        bm25-articles/      bm25s index over whole article texts, in ``articles.jsonl`` order
                            (optional: stores written before it get one built in memory on first use)

A build writes a new generation next to the live one and only then points CURRENT at it
(write to a temp file + ``os.replace``), so a crash at any moment leaves the old store intact.
Loading checks every file against the manifest (``index.integrity``); a corrupt generation is
an error naming the file, and ``index build`` sets it aside as ``gen-...corrupt-<time>``.
"""
from __future__ import annotations

import json
import logging
import os
import secrets
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from index import integrity
from index.backends import is_milvus
from index.errors import StoreAccessError, StoreMismatchError, StoreMissingError
from index.formats import FORMAT_VERSION, old_format_version, outdated
from index.layout import Layout
from index.lexical import LexicalIndex, tokenize
from index.types import Article, Chunk, Hit, Sentence

log = logging.getLogger(__name__)

DEFAULT_STORE = ".factqa/store"
HNSW_THRESHOLD = int(os.environ.get("FACTQA_HNSW_THRESHOLD", "50000"))
ARTICLE_BM25 = "bm25-articles"
# From this many sentences on, a build also writes an HNSW graph over them and a query's best
# sentences come from it (about 1 ms on SciFact's 50,400 instead of 25-30 ms for the exact product
# under load; the graph keeps 99.7% of the exact top 20, docs/PERFORMANCE.md). M 16 and
# efConstruction 40 build it in ~13 s for 50,400 sentences (M 32 / 80: 36 s, for 0.999).
SENTENCE_ANN_THRESHOLD = int(os.environ.get("FACTQA_SENTENCE_ANN_THRESHOLD", "20000"))
SENTENCE_ANN = "sentences.hnsw"
SENTENCE_ANN_M, SENTENCE_ANN_EF_CONSTRUCTION, SENTENCE_ANN_EF_SEARCH = 16, 40, 256


def default_store_path() -> Path:
    return Path(os.environ.get("FACTQA_STORE") or DEFAULT_STORE)


def rebuild_hint(path: Path) -> str:
    return f"rebuild it with: factqa index build seeds/ --store {path} (name your own folders instead of seeds/)"


def new_generation_name() -> str:
    return f"gen-{time.strftime('%Y%m%d%H%M%S')}-{secrets.token_hex(4)}"


@contextmanager
def discard_on_failure(root: Path, tmp: Path) -> Iterator[None]:
    """Around the writing of a hidden new generation ``tmp``: on any failure it is removed (the live
    generation is untouched) and an OSError is reported as the store's one-line access error."""
    try:
        yield
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise integrity.access_error(root, exc) from exc
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def publish_generation(root: Path, tmp: Path, name: str) -> Path:
    """Rename the finished generation folder ``tmp`` to ``name`` and atomically point CURRENT at it."""
    final = root / name
    os.replace(tmp, final)
    pointer = root / f".CURRENT.{secrets.token_hex(4)}.tmp"
    pointer.write_text(name + "\n")
    os.replace(pointer, root / "CURRENT")  # the atomic switch
    return final


def _write_jsonl(path: Path, rows) -> None:
    with open(path, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


def _read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def make_faiss_index(vectors: np.ndarray, dimension: int, hnsw_threshold: int = HNSW_THRESHOLD):
    """Exact inner-product search for small stores; HNSW past ``hnsw_threshold`` vectors."""
    import faiss

    if len(vectors) >= hnsw_threshold:
        index = faiss.IndexHNSWFlat(dimension, 32, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = 80
        index.hnsw.efSearch = 128
    else:
        index = faiss.IndexFlatIP(dimension)
    if len(vectors):
        index.add(np.ascontiguousarray(vectors, dtype=np.float32))
    return index


@dataclass
class StoreData:
    """Everything one generation holds, in memory."""

    manifest: dict
    articles: dict[str, Article]
    chunks: list[Chunk]
    sentences: list[Sentence]
    chunk_vectors: np.ndarray
    sentence_vectors: np.ndarray


def make_sentence_ann(vectors: np.ndarray):
    """The HNSW graph written as ``sentences.hnsw`` (see ``SENTENCE_ANN_THRESHOLD``)."""
    import faiss

    index = faiss.IndexHNSWFlat(vectors.shape[1], SENTENCE_ANN_M, faiss.METRIC_INNER_PRODUCT)
    index.hnsw.efConstruction = SENTENCE_ANN_EF_CONSTRUCTION
    index.add(np.ascontiguousarray(vectors, dtype=np.float32))
    return index


def write_generation(root: Path, data: StoreData, hnsw_threshold: int = HNSW_THRESHOLD,
                     sentence_ann_threshold: int | None = None) -> Path:
    """Write ``data`` as a new generation and atomically make it the live one (with a sentence HNSW
    graph from ``sentence_ann_threshold`` sentences on; default ``SENTENCE_ANN_THRESHOLD``)."""
    import faiss

    integrity.ensure_writable(root)
    name = new_generation_name()
    tmp = root / f".{name}.tmp"
    try:
        tmp.mkdir()
    except OSError as exc:
        raise integrity.access_error(root, exc) from exc
    with discard_on_failure(root, tmp):
        _write_jsonl(tmp / "articles.jsonl", (a.to_dict() for a in data.articles.values()))
        _write_jsonl(tmp / "chunks.jsonl", (c.to_dict() for c in data.chunks))
        _write_jsonl(tmp / "sentences.jsonl", (s.to_dict() for s in data.sentences))
        index = make_faiss_index(data.chunk_vectors, data.manifest["dimension"], hnsw_threshold)
        faiss.write_index(index, str(tmp / "chunks.faiss"))
        with open(tmp / "sentences.npy", "wb") as f:
            np.save(f, np.ascontiguousarray(data.sentence_vectors, dtype=np.float32), allow_pickle=False)
        ann_from = SENTENCE_ANN_THRESHOLD if sentence_ann_threshold is None else sentence_ann_threshold
        if len(data.sentence_vectors) >= ann_from:
            faiss.write_index(make_sentence_ann(data.sentence_vectors), str(tmp / SENTENCE_ANN))
        LexicalIndex.build([c.text for c in data.chunks]).save(tmp / "bm25")
        LexicalIndex.build([a.text for a in data.articles.values()]).save(tmp / ARTICLE_BM25)
        manifest = dict(data.manifest)
        manifest["index_type"] = type(index).__name__
        manifest["files"] = integrity.record_files(tmp)
        manifest["counts"] = {"articles": len(data.articles), "chunks": len(data.chunks), "sentences": len(data.sentences)}
        integrity.write_manifest(tmp, manifest)
        final = publish_generation(root, tmp, name)
    remove_stale(root, keep=name)
    return final


def remove_stale(root: Path, keep: str) -> None:
    """Delete every generation folder but ``keep`` (and the ones set aside as corrupt)."""
    for p in root.iterdir():
        if integrity.CORRUPT_MARK in p.name:
            continue  # set aside on purpose: the user decides when to delete it
        if p.is_dir() and p.name != keep and (p.name.startswith("gen-") or p.name.startswith(".gen-")):
            shutil.rmtree(p, ignore_errors=True)


def current_generation(root: Path) -> Path:
    integrity.check_store_path(root)
    pointer = root / "CURRENT"
    try:
        name = pointer.read_text(encoding="utf-8").strip()
    except (FileNotFoundError, NotADirectoryError):
        raise StoreMissingError(f"no index found at {root}; build it with: factqa index build seeds/ --store {root}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise StoreAccessError(f"cannot read {pointer} ({getattr(exc, 'strerror', None) or exc}); check its permissions") from exc
    gen = root / name
    if not name.isprintable() or not name or "/" in name or not gen.is_dir():
        raise integrity.corrupt(root, None, f"CURRENT names {name or 'nothing'!r}, which is not a generation folder",
                                rebuild_hint(root))
    return gen


def read_manifest(root: Path, gen: Path | None = None) -> dict:
    """The live generation's manifest, checked against ``manifest.sha256``."""
    gen = gen or current_generation(root)
    manifest, check = integrity.manifest_check(gen)
    if check.status is integrity.FileStatus.UNREADABLE:
        raise _unreadable(root, gen, check)
    if manifest is None:
        old = old_format_version(gen) if check.name == integrity.MANIFEST_SUM else None
        if old is not None:  # format 1 had no manifest.sha256: an old store, not a corrupt one
            raise outdated(root, old)
        raise integrity.corrupt(root, gen, check.describe(), rebuild_hint(root))
    return manifest


def _unreadable(root: Path, gen: Path, check: integrity.FileCheck) -> StoreAccessError:
    return StoreAccessError(f"cannot read the store at {root} ({check.describe()}); check the permissions of {gen}")


def check_compatible(manifest: dict, root: Path, model: str | None = None, dimension: int | None = None) -> None:
    version = manifest.get("format_version")
    if isinstance(version, int) and 0 < version < FORMAT_VERSION and not is_milvus(root):
        raise outdated(root, version)
    if version != FORMAT_VERSION:
        raise StoreMismatchError(
            f"the store at {root} has format version {version}, this factqa reads version {FORMAT_VERSION}; "
            + rebuild_hint(root)
        )
    if model and manifest.get("model") != model:
        raise StoreMismatchError(
            f"the store at {root} was built with model {manifest.get('model')!r}, not {model!r}; "
            f"{rebuild_hint(root)} (add --model to choose the model)"
        )
    if dimension and manifest.get("dimension") != dimension:
        raise StoreMismatchError(
            f"the store at {root} has {manifest.get('dimension')}-d vectors, the model gives {dimension}-d; "
            + rebuild_hint(root)
        )


def load_generation(root: Path, verify: bool = True) -> StoreData:
    import faiss

    gen = current_generation(root)
    manifest = read_manifest(root, gen)
    check_compatible(manifest, root)
    if verify:
        bad = [c for c in integrity.check_files(gen, manifest.get("files", {})) if not c.ok]
        for c in bad:  # a permission problem is not corruption: nothing to rebuild
            if c.status is integrity.FileStatus.UNREADABLE:
                raise _unreadable(root, gen, c)
        if bad:
            more = f" and {len(bad) - 1} more file(s)" if len(bad) > 1 else ""
            raise integrity.corrupt(root, gen, bad[0].describe() + more, rebuild_hint(root))
    return read_generation(root, gen, manifest)


def read_generation(root: Path, gen: Path, manifest: dict) -> StoreData:
    """The records and vectors of the generation folder ``gen`` (already checked), with ``manifest``."""
    import faiss

    try:
        articles = {a["id"]: Article.from_dict(a) for a in _read_jsonl(gen / "articles.jsonl")}
        chunks = [Chunk.from_dict(c) for c in _read_jsonl(gen / "chunks.jsonl")]
        sentences = [Sentence.from_dict(s) for s in _read_jsonl(gen / "sentences.jsonl")]
        index = faiss.read_index(str(gen / "chunks.faiss"))
        chunk_vecs = index.reconstruct_n(0, index.ntotal) if index.ntotal else np.zeros((0, manifest["dimension"]), np.float32)
        sent_vecs = np.load(gen / "sentences.npy", allow_pickle=False, mmap_mode="r")  # paged in on first use
    except (OSError, ValueError, KeyError, RuntimeError, TypeError) as exc:
        raise integrity.corrupt(root, gen, f"cannot be read: {exc}", rebuild_hint(root)) from exc
    if len(chunk_vecs) != len(chunks) or len(sent_vecs) != len(sentences):
        raise integrity.corrupt(root, gen, "vectors and records differ in number", rebuild_hint(root))
    return StoreData(manifest, articles, chunks, sentences, np.asarray(chunk_vecs, np.float32), sent_vecs)


class Store:
    """A loaded, read-only view of the live generation, with dense and lexical search."""

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path else default_store_path()
        self._data: StoreData | None = None
        self._faiss = None
        self._lexical: LexicalIndex | None = None
        self.generation: str | None = None

    def load(self) -> "Store":
        import faiss

        data = load_generation(self.path)
        gen = current_generation(self.path)
        try:
            self._faiss = faiss.read_index(str(gen / "chunks.faiss"))
            self._lexical = LexicalIndex.load(gen / "bm25")
            articles_bm25 = LexicalIndex.load(gen / ARTICLE_BM25) if (gen / ARTICLE_BM25).is_dir() else None
            self._sentence_ann = faiss.read_index(str(gen / SENTENCE_ANN)) if (gen / SENTENCE_ANN).is_file() else None
        except (OSError, ValueError, KeyError, RuntimeError, TypeError) as exc:  # e.g. replaced after the check
            raise integrity.corrupt(self.path, gen, f"cannot be read: {exc}", rebuild_hint(self.path)) from exc
        self._data = data
        self.generation = gen.name
        self._article_lexical = (data, articles_bm25) if articles_bm25 is not None else None
        self._sent_by_doc: dict[str, list[int]] = {}
        for i, s in enumerate(data.sentences):
            self._sent_by_doc.setdefault(s.doc_id, []).append(i)
        self._chunk_pos = {c.id: i for i, c in enumerate(data.chunks)}
        return self

    @property
    def data(self) -> StoreData:
        if self._data is None:
            self.load()
        assert self._data is not None
        return self._data

    def is_stale(self) -> bool:
        """True when another process has switched the store to a newer generation. A switch
        replaces ``CURRENT`` (new inode), so the file is read again only when its stat changes."""
        try:
            st = os.stat(self.path / "CURRENT")
            key = (st.st_ino, st.st_mtime_ns, st.st_size)
            if key == getattr(self, "_current_stat", None):
                return False
            stale = (self.path / "CURRENT").read_text(encoding="utf-8").strip() != self.generation
            if not stale:
                self._current_stat = key
            return stale
        except OSError:
            return False

    @property
    def manifest(self) -> dict:
        return self.data.manifest

    @property
    def articles(self) -> dict[str, Article]:
        return self.data.articles

    @property
    def chunks(self) -> list[Chunk]:
        return self.data.chunks

    @property
    def sentences(self) -> list[Sentence]:
        return self.data.sentences

    @property
    def sentence_vectors(self) -> np.ndarray:
        return self.data.sentence_vectors

    def article_text(self, doc_id: str) -> str | None:
        a = self.data.articles.get(doc_id)
        return a.text if a else None

    def sentences_of(self, doc_id: str) -> list[int]:
        self.data
        return self._sent_by_doc.get(doc_id, [])

    def sentences_in_chunk(self, chunk: Chunk) -> list[int]:
        """Indices (into ``sentences``) of the sentences inside ``chunk``."""
        return self.layout.chunk_rows[self._chunk_pos[chunk.id]].tolist()

    @property
    def layout(self) -> "Layout":
        """Which sentences each chunk holds and which chunks each article has (built once per load)."""
        cached = getattr(self, "_layout", None)  # (data, layout): a reload (Milvus too) builds it again
        if cached is None or cached[0] is not self.data:
            cached = self._layout = (self.data, Layout.of(self.data))
        return cached[1]

    def sentence_terms(self, row: int) -> frozenset[str]:
        """The BM25 terms (``index.lexical.tokenize``) of sentence ``row``, tokenised once per load."""
        cached = getattr(self, "_terms", None)
        if cached is None or cached[0] is not self.data:
            cached = self._terms = (self.data, {})
        terms = cached[1].get(row)
        if terms is None:
            terms = cached[1][row] = frozenset(tokenize(self.data.sentences[row].text))
        return terms

    def article_lexical_scores(self, query: str) -> np.ndarray:
        """BM25 score of every article (whole text) for ``query``, in ``layout.doc_ids`` order."""
        cached = getattr(self, "_article_lexical", None)
        if cached is None or cached[0] is not self.data:  # a store written before bm25-articles, or Milvus
            cached = self._article_lexical = (self.data, LexicalIndex.build([a.text for a in self.data.articles.values()]))
        return cached[1].scores(query)

    def dense_search(self, query_vector: np.ndarray, k: int) -> list[Hit]:
        if k <= 0:
            raise ValueError(f"k must be greater than 0. Currently, k is {k}")
        self.data
        n = self._faiss.ntotal
        if n == 0:
            return []
        q = np.ascontiguousarray(query_vector.reshape(1, -1), dtype=np.float32)
        if q.shape[1] != self._faiss.d:
            raise StoreMismatchError(f"query vector has {q.shape[1]} dimensions, the store has {self._faiss.d}; "
                                     + rebuild_hint(self.path))
        scores, ids = self._faiss.search(q, min(k, n))
        return [Hit(self.data.chunks[i], float(s), r) for r, (i, s) in enumerate(zip(ids[0], scores[0])) if i >= 0]

    def sentence_search(self, query_vector: np.ndarray, k: int) -> list[tuple[int, float]]:
        """The ``k`` sentences closest to ``query_vector`` by inner product, as (row, score), best
        first: from the HNSW graph when the generation has one, else exactly (a matrix product and
        an ``argpartition``)."""
        if k <= 0:
            raise ValueError(f"k must be greater than 0. Currently, k is {k}")
        n = len(self.sentences)
        if n == 0:
            return []
        q = np.ascontiguousarray(np.asarray(query_vector, np.float32).reshape(1, -1))
        ann = getattr(self, "_sentence_ann", None)
        if ann is not None:
            ann.hnsw.efSearch = max(SENTENCE_ANN_EF_SEARCH, k)
            scores, ids = ann.search(q, min(k, n))
            return [(int(i), float(s)) for i, s in zip(ids[0], scores[0]) if i >= 0]
        sims = self.sentence_vectors @ q[0]
        k = min(k, n)
        idx = np.argpartition(-sims, k - 1)[:k]
        idx = idx[np.lexsort((idx, -sims[idx]))]
        return [(int(i), float(sims[i])) for i in idx]

    def lexical_search(self, query: str, k: int) -> list[Hit]:
        self.data
        assert self._lexical is not None
        return [Hit(self.data.chunks[i], s, r) for r, (i, s) in enumerate(self._lexical.search(query, k))]

    def stats(self) -> dict:
        gen = current_generation(self.path)
        size = sum(p.stat().st_size for p in gen.rglob("*") if p.is_file())
        m = self.manifest
        return {
            "store": str(self.path), "articles": len(self.articles), "chunks": len(self.chunks),
            "sentences": len(self.sentences), "model": m.get("model"), "dimension": m.get("dimension"),
            "index_type": m.get("index_type"), "size_bytes": size, "chunking": m.get("chunking"),
            "built_at": m.get("built_at"), "factqa_version": m.get("factqa_version"),
        }
