"""Build, extend and shrink a store incrementally: only new or changed articles are embedded."""
from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from filelock import FileLock, Timeout
from tqdm.auto import tqdm

from index import integrity
from index.backends import is_milvus
from index.embed import default_runtime, get_embedder
from index import examples as corpus_examples
from index.errors import StoreCorruptError, StoreError, StoreMismatchError, StoreMissingError, StoreOutdatedError
from index.loaders import load_paths
from index.segment import chunk_sentences, split_sentences
from index.store import FORMAT_VERSION, HNSW_THRESHOLD, StoreData, check_compatible, load_generation, write_generation
from index.types import Article, Chunk, Sentence

log = logging.getLogger(__name__)

VERSION = "0.1.0"
DEFAULT_MAX_TOKENS = 160
DEFAULT_OVERLAP = 1
LOCK_TIMEOUT_S = 600  # how long a writer waits for another one before giving up
EMBED_STEP = 512  # texts per checkpointed embedding batch (and per progress update)
WORK_DIR = ".embed-work"  # finished batches of an unfinished build, inside the store folder
CHUNK_VECTORS = "mean_of_sentences"  # recorded in the manifest


@dataclass
class BuildReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)  # "new_id duplicates old_id"
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    embedded_texts: int = 0
    regrouped: int = 0  # unchanged articles whose stored sentences (and vectors) were re-grouped into new chunks
    seconds: float = 0.0
    encode_seconds: float = 0.0
    chunks: int = 0
    articles: int = 0
    lock_wait_seconds: float = 0.0  # time spent waiting for another writer; not part of ``seconds``
    rejected: bool = False  # bad input: nothing was written (all or nothing per command)
    set_aside: str | None = None  # where a corrupt generation was moved before rebuilding

    def reject(self) -> None:
        """Bad input: the store is left as it was, so nothing counts as added, updated or removed."""
        self.rejected = True
        for names in (self.added, self.updated, self.unchanged, self.removed, self.duplicates):
            names.clear()
        self.embedded_texts = 0

    def summary(self) -> str:
        wait = f" (after waiting {self.lock_wait_seconds:.1f}s for another writer)" if self.lock_wait_seconds >= 0.05 else ""
        if self.rejected:
            return (f"nothing was changed: {len(self.errors)} bad input(s) above; the store keeps its {self.articles} "
                    f"articles. Fix them (index build/add also take --skip-bad to index the rest){wait}")
        parts = [f"{self.articles} articles, {self.chunks} chunks in the store",
                 f"added {len(self.added)}", f"updated {len(self.updated)}",
                 f"unchanged {len(self.unchanged)}", f"removed {len(self.removed)}"]
        if self.duplicates:
            parts.append(f"skipped {len(self.duplicates)} duplicate(s)")
        if self.regrouped:
            parts.append(f"re-chunked {self.regrouped} (sentence vectors kept)")
        parts.append(f"embedded {self.embedded_texts} texts in {self.seconds:.1f}s{wait}")
        return "; ".join(parts)


@contextmanager
def writer_lock(root: Path, report: BuildReport, on_lock_wait: Callable[[Path], None] | None = None) -> Iterator[None]:
    """Hold the store's writer lock; if another writer has it, say so (``on_lock_wait``) and time the wait."""
    lock = FileLock(str(root / ".lock"), timeout=LOCK_TIMEOUT_S)
    try:
        try:
            lock.acquire(timeout=0)
        except Timeout:
            log.info("waiting for another writer on %s", root)
            if on_lock_wait:
                on_lock_wait(root)
            t = time.perf_counter()
            lock.acquire()
            report.lock_wait_seconds = time.perf_counter() - t
    except Timeout:
        raise  # (a TimeoutError, so an OSError too): reported by the caller as a lock held too long
    except OSError as exc:  # the lock file cannot be created: a read-only store
        raise integrity.access_error(root, exc) from exc
    try:
        yield
    finally:
        lock.release()


def segment_article(article: Article, count_tokens, max_tokens: int, overlap: int) -> tuple[list[Chunk], list[Sentence]]:
    """Sentences and sentence-aligned chunks of one article, with exact offsets."""
    return group_sentences(article, split_sentences(article.text), count_tokens, max_tokens, overlap)


def group_sentences(article: Article, spans: list[tuple[int, int]], count_tokens, max_tokens: int,
                    overlap: int) -> tuple[list[Chunk], list[Sentence]]:
    """Chunk and sentence records of ``article`` from its sentence ``spans`` (in text order)."""
    groups = chunk_sentences(spans, article.text, count_tokens, max_tokens, overlap)
    chunks: list[Chunk] = []
    first_chunk: dict[int, str] = {}
    for ci, group in enumerate(groups):
        s0, e0 = spans[group[0]][0], spans[group[-1]][1]
        cid = f"{article.id}#{ci}"
        chunks.append(Chunk(id=cid, doc_id=article.id, index=ci, title=article.title, source=article.source,
                            start=s0, end=e0, text=article.text[s0:e0],
                            sentences=tuple(spans[k] for k in group)))
        for k in group:
            first_chunk.setdefault(k, cid)
    caps = article.captions
    sentences = [
        Sentence(id=f"{article.id}:{k}", doc_id=article.id, chunk_id=first_chunk[k], index=k, start=s, end=e,
                 text=article.text[s:e], caption=any(cs <= s and e <= ce for cs, ce in caps))
        for k, (s, e) in enumerate(spans)
    ]
    return chunks, sentences


def chunk_vectors_from_sentences(chunks: list[Chunk], sentences: list[Sentence], sentence_vectors: np.ndarray) -> np.ndarray:
    """Each chunk's vector: the L2-normalised mean of the vectors of the sentences it spans.

    Every sentence is embedded once; chunk texts are not encoded again (on SciFact this kept
    recall@3 and MRR@10 of encoding the chunk texts; docs/perf/runtimes.json)."""
    dim = sentence_vectors.shape[1] if sentence_vectors.ndim == 2 else 0
    row = {(s.doc_id, s.start): i for i, s in enumerate(sentences)}
    out = np.zeros((len(chunks), dim), np.float32)
    for ci, c in enumerate(chunks):
        rows = [row[(c.doc_id, st)] for st, _ in c.sentences if (c.doc_id, st) in row]
        if not rows:
            raise StoreError(f"chunk {c.id} has no embedded sentence; rebuild the store")
        v = sentence_vectors[rows].sum(axis=0)
        out[ci] = v / max(float(np.linalg.norm(v)), 1e-12)
    return out


def embed_checkpointed(emb, texts: list[str], work: Path | None, *, progress: bool = False,
                       on_batch: Callable[[int, int], None] | None = None) -> tuple[np.ndarray, int]:
    """Embed ``texts`` in batches of ``EMBED_STEP``; each finished batch's vectors are saved in
    ``work`` under the sha256 of (model, runtime, texts), written to a temp file and renamed, so a
    build killed midway re-encodes none of the finished batches when it runs again. Returns the
    vectors and how many texts were actually encoded (the rest came from ``work``)."""
    if work is not None:
        work.mkdir(parents=True, exist_ok=True)
    bar = tqdm(total=len(texts), desc="embedding", unit="text", disable=not progress)
    parts, encoded = [], 0
    for i in range(0, len(texts), EMBED_STEP):
        batch = texts[i:i + EMBED_STEP]
        if on_batch:
            on_batch(i, len(texts))
        key = hashlib.sha256(json.dumps([emb.name, emb.runtime, emb.dimension, batch]).encode("utf-8")).hexdigest()
        path = work / f"{key}.npy" if work is not None else None
        vecs = None
        if path is not None and path.is_file():
            try:
                vecs = np.load(path, allow_pickle=False)
                if vecs.shape != (len(batch), emb.dimension):
                    vecs = None
            except (OSError, ValueError):
                vecs = None  # a damaged checkpoint is re-encoded
        if vecs is None:
            vecs = emb.encode(batch)
            encoded += len(batch)
            if path is not None:
                tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
                with open(tmp, "wb") as f:
                    np.save(f, vecs, allow_pickle=False)
                os.replace(tmp, path)
        parts.append(vecs)
        bar.update(len(batch))
    bar.close()
    dim = emb.dimension
    return (np.concatenate(parts) if parts else np.zeros((0, dim), np.float32)), encoded


def _empty(model: str, dim: int, max_tokens: int, overlap: int, runtime: str) -> StoreData:
    return StoreData(_manifest(model, dim, max_tokens, overlap, {}, runtime), {}, [], [],
                     np.zeros((0, dim), np.float32), np.zeros((0, dim), np.float32))


def _manifest(model: str, dim: int, max_tokens: int, overlap: int, hashes: dict[str, str], runtime: str) -> dict:
    return {
        "format_version": FORMAT_VERSION, "factqa_version": VERSION, "model": model, "dimension": dim,
        "runtime": runtime, "chunk_vectors": CHUNK_VECTORS,
        "normalized": True, "metric": "inner_product",
        "chunking": {"unit": "sentences", "max_tokens": max_tokens, "overlap_sentences": overlap},
        "articles": hashes, "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }


def update_store(
    store_path: str | Path,
    paths: list[str | Path] | None = None,
    *,
    mode: str = "add",  # "build": the corpus becomes exactly `paths`; "add": union; "remove": drop `remove_ids`
    remove_ids: list[str] | None = None,
    model: str | None = None,
    runtime: str | None = None,
    max_tokens: int = DEFAULT_MAX_TOKENS,
    overlap: int = DEFAULT_OVERLAP,
    progress: bool = True,
    hnsw_threshold: int = HNSW_THRESHOLD,
    articles: list[Article] | None = None,
    on_progress: Callable[[float, str], None] | None = None,
    skip_bad: bool = True,
    on_lock_wait: Callable[[Path], None] | None = None,
) -> BuildReport:
    """Bring the store up to date and write it atomically. Embeds only new or changed articles,
    each sentence once, in checkpointed batches (a killed build resumes without re-encoding them).
    ``runtime``: the encoder runtime (``index.embed.RUNTIMES``); default: the store's for add and
    remove, ``index.embed.default_runtime()`` for build.

    ``on_progress(fraction, message)`` is called as the work advances (for UIs); ``progress``
    controls the terminal progress bars. Bad input (an unreadable file, a malformed .jsonl line,
    an unknown id to remove) is listed in ``report.errors``; with ``skip_bad`` (the default, for
    the chat's uploads, which show what was added and what was rejected) the rest is indexed;
    without it nothing changes (``report.rejected``), which is what the CLI does unless told
    ``--skip-bad``. In "build" mode a corrupt store is set aside and rebuilt.
    ``on_lock_wait(root)`` is called when another writer holds the store."""
    if is_milvus(store_path):  # the same rules, written as a Milvus generation (index.milvus_build)
        from index.milvus_build import update_milvus

        return update_milvus(store_path, paths, mode=mode, remove_ids=remove_ids, model=model, max_tokens=max_tokens,
                             overlap=overlap, progress=progress, hnsw_threshold=hnsw_threshold, articles=articles,
                             on_progress=on_progress, skip_bad=skip_bad)
    root = Path(store_path)
    report = BuildReport()
    integrity.ensure_writable(root)
    corrupt_gen: Path | None = None
    try:
        def waiting(r: Path) -> None:
            if on_progress:  # the chat's progress bar says it too
                on_progress(0.0, "waiting for another upload or build to finish")
            if on_lock_wait:
                on_lock_wait(r)

        with writer_lock(root, report, waiting):
            t0 = time.perf_counter()  # indexing time starts once the lock is held
            upgraded = False
            try:
                try:
                    old = load_generation(root)
                except StoreOutdatedError as exc:  # kept, vectors and all, and written in this format
                    from index.upgrade import load_outdated

                    old, upgraded = load_outdated(root), True
                    report.warnings.append(f"the store at {root} was in format {exc.version}; it is rewritten in "
                                           f"format {FORMAT_VERSION}, keeping its vectors")
            except StoreMissingError:
                old = None
            except (StoreCorruptError, StoreMismatchError) as exc:
                if mode != "build":
                    raise
                old = None  # rebuild from the given articles
                if isinstance(exc, StoreCorruptError):
                    corrupt_gen = exc.generation
                    report.warnings.append(f"the store at {root} is corrupt ({exc.reason}); rebuilding it")
                else:
                    report.warnings.append(f"the store at {root} was written by another factqa format; rebuilding it")
            if old is not None:
                old_runtime = old.manifest.get("runtime") or "torch"  # stores older than the field
                want_model = get_embedder(model).name if model is not None else old.manifest["model"]
                want_runtime = runtime or (default_runtime() if mode == "build" else old_runtime)
                if mode != "build":
                    check_compatible(old.manifest, root, model=want_model)
                    if want_runtime != old_runtime:
                        raise StoreMismatchError(
                            f"the store at {root} was embedded with the {old_runtime} runtime, not {want_runtime}; "
                            f"add with --runtime {old_runtime}, or rebuild it with: factqa index build ... --store {root}")
                if want_model != old.manifest["model"] or want_runtime != old_runtime:
                    old = None  # a full rebuild with the new model or runtime
            regroup = False
            if old is not None and mode == "build":
                ch = old.manifest.get("chunking", {})
                # other chunking: sentences do not depend on it, so their vectors are kept and
                # regrouped into the new chunks (chunk vectors derive from sentence vectors)
                regroup = ch.get("max_tokens") != max_tokens or ch.get("overlap_sentences") != overlap
            if old is None and mode == "remove":
                raise StoreMissingError(f"no index found at {root}; nothing to remove")
            emb = get_embedder(model or (old.manifest["model"] if old else None),
                               runtime or (old.manifest.get("runtime") or "torch" if old else None))
            if old is not None:
                check_compatible(old.manifest, root, model=emb.name, dimension=emb.dimension)
                max_tokens = old.manifest["chunking"]["max_tokens"] if mode != "build" else max_tokens
                overlap = old.manifest["chunking"]["overlap_sentences"] if mode != "build" else overlap
            base = old or _empty(emb.name, emb.dimension, max_tokens, overlap, emb.runtime)
            new_articles: list[Article] = list(articles or [])
            examples: tuple[corpus_examples.Example, ...] = ()
            if paths:
                loaded = load_paths(list(paths))
                report.errors.extend(loaded.errors)
                report.warnings.extend(loaded.warnings)
                new_articles.extend(loaded.articles)
                examples = loaded.examples
            if report.errors and not skip_bad:  # nothing is embedded for input that will be rejected
                data = base
            else:
                data = _apply(base, new_articles, mode, remove_ids or [], emb, max_tokens, overlap, progress, report,
                              on_progress or (lambda f, m: None), root / WORK_DIR, examples=examples,
                              regroup=regroup)
            if report.errors and not skip_bad:
                report.reject()
                data = base
            elif (old is None or upgraded or report.added or report.updated or report.removed or report.regrouped
                  or data.manifest.get("examples") != old.manifest.get("examples")):
                if on_progress:
                    on_progress(0.95, "writing the store")
                if corrupt_gen is not None and corrupt_gen.is_dir():
                    report.set_aside = str(integrity.set_aside(root, corrupt_gen))
                    report.warnings.append(f"the corrupt generation was kept aside as {report.set_aside}")
                write_generation(root, data, hnsw_threshold=hnsw_threshold)
            shutil.rmtree(root / WORK_DIR, ignore_errors=True)  # the build is in: its checkpoints are spent
    except Timeout as exc:
        raise StoreError(f"the store at {root} is locked by another indexing process; try again later") from exc
    report.seconds = time.perf_counter() - t0
    report.articles = len(data.articles)
    report.chunks = len(data.chunks)
    return report


def _apply(base: StoreData, incoming: list[Article], mode: str, remove_ids: list[str], emb, max_tokens: int,
           overlap: int, progress: bool, report: BuildReport, on_progress: Callable[[float, str], None],
           work: Path | None = None, examples: tuple[corpus_examples.Example, ...] = (), *,
           regroup: bool = False) -> StoreData:
    """The store ``base`` with ``incoming`` applied; ``examples`` (of the folders read) replace the
    store's in "build" mode and are appended to them otherwise (``index.examples``). ``regroup``: the
    chunking changed, so unchanged articles keep their stored sentences and sentence vectors and only
    their chunks are made again (nothing re-embedded)."""
    old_hash = base.manifest.get("articles", {})
    keep: dict[str, Article] = {}
    if mode in {"add", "remove"}:
        keep = dict(base.articles)
    for rid in remove_ids:
        if rid in keep:
            del keep[rid]
            report.removed.append(rid)
        else:
            report.errors.append(f"{rid}: no article with this id in the store")
    by_hash = {a.hash: a.id for a in keep.values()}
    to_embed: list[Article] = []
    seen_ids: set[str] = set()
    for a in incoming:
        if a.id in seen_ids:
            report.errors.append(f"{a.source}: article id {a.id!r} appears twice in the input; kept the first")
            continue
        seen_ids.add(a.id)
        h = a.hash
        dup = by_hash.get(h)
        if dup is not None and dup != a.id:
            report.duplicates.append(f"{a.id} duplicates {dup}")
            continue
        if old_hash.get(a.id) == h and a.id in base.articles:
            report.unchanged.append(a.id)
            keep[a.id] = base.articles[a.id]
        else:
            (report.updated if a.id in base.articles else report.added).append(a.id)
            keep[a.id] = a
            to_embed.append(a)
        by_hash[h] = a.id
    if mode == "build":
        report.removed.extend(sorted(set(base.articles) - set(keep)))
    # reuse vectors of unchanged articles
    reuse = {aid for aid in keep if aid in base.articles and aid not in {a.id for a in to_embed}}
    chunks: list[Chunk] = [c for c in base.chunks if c.doc_id in reuse] if not regroup else []
    sentences: list[Sentence] = []
    s_rows: list[int] = []
    rows_of: dict[str, list[int]] = {}
    for i, s in enumerate(base.sentences):
        if s.doc_id in reuse:
            if regroup:
                rows_of.setdefault(s.doc_id, []).append(i)
            else:
                sentences.append(s)
                s_rows.append(i)
    for aid, rows in rows_of.items():  # regroup: same sentences and vectors, new chunks
        rows.sort(key=lambda i: base.sentences[i].index)
        spans = [(base.sentences[i].start, base.sentences[i].end) for i in rows]
        ch, se = group_sentences(keep[aid], spans, emb.count_tokens, max_tokens, overlap)
        chunks.extend(ch)
        sentences.extend(se)
        s_rows.extend(rows)
    report.regrouped = len(rows_of)
    s_vecs = [base.sentence_vectors[s_rows]] if s_rows else []
    new_chunks: list[Chunk] = []
    new_sents: list[Sentence] = []
    for k, a in enumerate(tqdm(to_embed, desc="segmenting", unit="article", disable=not progress or len(to_embed) < 50)):
        if k % 25 == 0:
            on_progress(0.05 + 0.15 * k / max(1, len(to_embed)), f"splitting article {k + 1} of {len(to_embed)}")
        ch, se = segment_article(a, emb.count_tokens, max_tokens, overlap)
        if not se:
            report.errors.append(f"{a.source}: article {a.id} has no sentences; skipped")
            del keep[a.id]
            continue
        new_chunks.extend(ch)
        new_sents.extend(se)
    if new_sents:
        texts = [s.text for s in new_sents]  # each sentence once; chunk vectors derive from them
        t = time.perf_counter()
        vecs, report.embedded_texts = embed_checkpointed(
            emb, texts, work, progress=progress,
            on_batch=lambda i, n: on_progress(0.2 + 0.75 * i / n, f"embedding {i + 1}-{min(n, i + EMBED_STEP)} of {n} sentences"))
        report.encode_seconds = time.perf_counter() - t
        s_vecs.append(vecs)
        chunks.extend(new_chunks)
        sentences.extend(new_sents)
    dim = emb.dimension
    manifest = _manifest(emb.name, dim, max_tokens, overlap, {aid: a.hash for aid, a in keep.items()}, emb.runtime)
    kept = corpus_examples.from_manifest(base.manifest) if mode != "build" else ()
    shown = corpus_examples.merge(kept, examples) if keep else ()  # no articles, nothing to ask about
    if shown:
        manifest["examples"] = corpus_examples.to_manifest(shown)
    sent_vecs = np.concatenate(s_vecs) if s_vecs else np.zeros((0, dim), np.float32)
    return StoreData(manifest, keep, chunks, sentences, chunk_vectors_from_sentences(chunks, sentences, sent_vecs), sent_vecs)
