"""Copy a store into another backend without re-encoding: ``factqa index copy SRC DST``.

The live generation of SRC (a store folder, ``milvus:PATH.db`` or ``milvus+http://HOST/NAME``)
is read whole - articles, chunks with their offsets and texts (what BM25 indexes), sentences
with their offsets, chunk and sentence vectors - and written to DST as a new generation by
that backend's own atomic writer (the file store's CURRENT switch, Milvus' alias switch), so a
copy that fails half-way leaves DST as it was. The vectors are checked before anything is
written: the source's model must be one this factqa knows, its runtime one it can run (queries
are encoded with them), and its vectors of that model's dimension; a DST that already holds a
store of another model, runtime or dimension is refused unless ``replace``. After the write,
DST is read back and compared with what was read (records equal, vectors bit for bit) unless
``verify=False``: on Milvus before the alias moves, so a copy that does not match never goes live.

The copy holds one generation in memory (records and float32 vectors), like a build does; past
one machine a server-side copy (Milvus' bulk insert from object storage) is the tool.
"""
from __future__ import annotations

import logging
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from index.backends import is_milvus, parse_milvus
from index.embed import MODELS, RUNTIMES, model_key
from index.errors import StoreError, StoreMismatchError, StoreMissingError
from index.store import (HNSW_THRESHOLD, StoreData, current_generation, load_generation, read_manifest,
                         write_generation)

log = logging.getLogger(__name__)

# what a backend's writer records about its own index; a copy must not carry them across
BACKEND_KEYS = ("index_type", "files", "counts", "backend", "copied_from")


@dataclass(frozen=True)
class CopyReport:
    source: str
    destination: str
    source_generation: str
    generation: str
    model: str
    runtime: str
    dimension: int
    articles: int
    chunks: int
    sentences: int
    read_seconds: float
    write_seconds: float
    verify_seconds: float | None  # None: not verified

    def to_dict(self) -> dict:
        return asdict(self)

    def summary(self) -> str:
        checked = "not verified" if self.verify_seconds is None else f"verified in {self.verify_seconds:.1f}s"
        return (f"copied {self.articles} articles, {self.chunks} chunks, {self.sentences} sentences "
                f"({self.model}, {self.runtime}, {self.dimension} d) from {self.source} to {self.destination}: "
                f"read {self.read_seconds:.1f}s, write {self.write_seconds:.1f}s, {checked}; nothing re-embedded")


def read_store(spec: str | Path) -> tuple[str, StoreData]:
    """The live generation's name and data of the store ``spec`` names (either backend)."""
    if is_milvus(spec):
        from index.milvus_store import load_milvus_generation

        return load_milvus_generation(parse_milvus(spec))
    root = Path(spec)
    data = load_generation(root)
    return current_generation(root).name, data


def _runtime(manifest: dict) -> str:
    return manifest.get("runtime") or "torch"  # stores older than the field were embedded with torch


def expected_dimension(model: str) -> int:
    """The vector size of ``model`` (a full name or ``hash-N``) without loading it."""
    key = model_key(model)
    if key in MODELS:
        return MODELS[key][2]
    if key.startswith("hash-") and key[5:].isdigit():
        return int(key[5:])
    raise StoreMismatchError(f"the source store was embedded with {model!r}, a model this factqa does not know "
                             f"(known: {', '.join(full for full, _, _ in MODELS.values())}); its queries could not be "
                             "encoded. Rebuild it from the articles with: factqa index build ... --store DST")


def check_source(spec: str, data: StoreData) -> None:
    """Model known, runtime runnable, vectors of the model's dimension and one per record."""
    m = data.manifest
    dim = expected_dimension(m.get("model", ""))
    if m.get("dimension") != dim:
        raise StoreMismatchError(f"the source store {spec} says {m.get('dimension')}-d vectors, but {m.get('model')} "
                                 f"gives {dim}-d; rebuild it with: factqa index build ... --store {spec}")
    if not model_key(m["model"]).startswith("hash-") and _runtime(m) not in RUNTIMES:
        raise StoreMismatchError(f"the source store {spec} was embedded with runtime {_runtime(m)!r}; "
                                 f"this factqa runs {', '.join(RUNTIMES)}")
    for what, vecs, n in (("chunk", data.chunk_vectors, len(data.chunks)),
                          ("sentence", data.sentence_vectors, len(data.sentences))):
        shape = tuple(np.shape(vecs))
        if shape != (n, dim) and not (n == 0 and len(shape) >= 1 and shape[0] == 0):
            raise StoreMismatchError(f"the source store {spec} has {what} vectors of shape {shape}, expected "
                                     f"({n}, {dim}); rebuild it with: factqa index build ... --store {spec}")


def live_manifest(spec: str) -> dict:
    """The manifest of the live generation of ``spec``, without reading its records."""
    if not is_milvus(spec):
        return read_manifest(Path(spec))
    from index.milvus_store import _short, collection_name, connect, live_generation, rebuild_hint

    ms = parse_milvus(spec)
    client = connect(ms)
    gen = live_generation(client, ms)
    if gen is None:
        raise StoreMissingError(f"no index found at {spec}; {rebuild_hint(ms)}")
    try:
        name = collection_name(ms, gen, "meta")
        client.load_collection(name)
        meta = client.query(name, filter='id == "manifest"', output_fields=["record"])
    except Exception as exc:  # noqa: BLE001 - pymilvus raises several kinds
        raise StoreError(f"the Milvus store {spec} cannot be read ({_short(exc)})") from exc
    if not meta:
        raise StoreError(f"the Milvus store {spec} has no manifest in generation {gen}")
    return dict(meta[0]["record"])


def check_destination(dst: str, src_manifest: dict, replace: bool) -> None:
    """A DST that holds a store of another model, runtime or dimension is only replaced on request."""
    try:
        a = live_manifest(dst)
    except StoreMissingError:
        return
    except StoreError as exc:
        if replace:
            return
        raise StoreError(f"the destination {dst} holds a store that cannot be read ({exc}); "
                         "copy with --replace to overwrite it") from exc
    mine = (src_manifest.get("model"), _runtime(src_manifest), src_manifest.get("dimension"))
    theirs = (a.get("model"), _runtime(a), a.get("dimension"))
    if mine != theirs and not replace:
        raise StoreMismatchError(
            f"the destination {dst} holds a store of {theirs[0]} ({theirs[1]}, {theirs[2]} d), the source is "
            f"{mine[0]} ({mine[1]}, {mine[2]} d); copy with --replace to overwrite it, or choose another destination")


def _same_store(src: str, dst: str) -> bool:
    if is_milvus(src) and is_milvus(dst):
        a, b = parse_milvus(src), parse_milvus(dst)
        return (a.uri, a.name) == (b.uri, b.name)
    if is_milvus(src) or is_milvus(dst):
        return False
    return Path(src).expanduser().resolve() == Path(dst).expanduser().resolve()


def _write(dst: str, data: StoreData, hnsw_threshold: int, verify: bool) -> tuple[str, float | None]:
    """Write ``data`` as DST's new generation; with ``verify``, read it back and compare: on Milvus
    before the alias moves (a mismatch drops it, the old generation stays live), on the file store
    after the switch (its files are checksummed; the check is that the round trip loses nothing)."""
    spent: list[float] = []

    def check(read) -> None:
        t = time.perf_counter()
        problem = compare(data, read())
        if problem:
            raise StoreError(f"the copy in {dst} does not match the source: {problem}")
        spent.append(time.perf_counter() - t)

    if is_milvus(dst):
        from index.milvus_build import write_milvus_generation
        from index.milvus_store import load_milvus_generation

        spec = parse_milvus(dst)
        hook = (lambda g: check(lambda: load_milvus_generation(spec, g)[1])) if verify else None
        gen = write_milvus_generation(spec, data, hnsw_threshold, before_switch=hook)
        return gen, (round(spent[0], 2) if spent else None)
    from index import integrity
    from index.build import BuildReport, writer_lock

    root = Path(dst)
    integrity.ensure_writable(root)
    with writer_lock(root, BuildReport()):
        gen_path = write_generation(root, data, hnsw_threshold)
        if verify:
            check(lambda: load_generation(root))
    return gen_path.name, (round(spent[0], 2) if spent else None)


def compare(a: StoreData, b: StoreData) -> str | None:
    """None when ``b`` holds exactly ``a``'s records and vectors; else what differs first."""
    if list(a.articles) != list(b.articles):
        return "article ids differ"
    for x, y in zip(a.articles.values(), b.articles.values()):
        if x.to_dict() != y.to_dict():
            return f"article {x.id} differs"
    if a.manifest.get("articles") != b.manifest.get("articles"):
        return "article hashes differ"
    for kind in ("chunks", "sentences"):
        xs, ys = getattr(a, kind), getattr(b, kind)
        if len(xs) != len(ys):
            return f"{len(xs)} {kind} copied as {len(ys)}"
        for x, y in zip(xs, ys):
            if x.to_dict() != y.to_dict():
                return f"{kind[:-1]} {x.id} differs"
    for kind in ("chunk_vectors", "sentence_vectors"):
        x = np.asarray(getattr(a, kind), np.float32)
        y = np.asarray(getattr(b, kind), np.float32)
        if x.shape != y.shape or not np.array_equal(x, y):
            return f"{kind.replace('_', ' ')} differ"
    return None


def copy_store(src: str | Path, dst: str | Path, *, replace: bool = False, verify: bool = True,
               hnsw_threshold: int = HNSW_THRESHOLD) -> CopyReport:
    """Copy the live generation of ``src`` into ``dst`` (any two backends), nothing re-embedded."""
    src, dst = str(src), str(dst)
    if _same_store(src, dst):
        raise StoreError(f"the source and the destination are the same store ({src}); choose another destination")
    t = time.perf_counter()
    src_gen, data = read_store(src)
    read_s = time.perf_counter() - t
    check_source(src, data)
    check_destination(dst, data.manifest, replace)
    manifest = {k: v for k, v in data.manifest.items() if k not in BACKEND_KEYS}
    manifest["copied_from"] = {"store": src, "generation": src_gen}
    out = StoreData(manifest, data.articles, data.chunks, data.sentences,
                    np.ascontiguousarray(data.chunk_vectors, np.float32),
                    np.ascontiguousarray(data.sentence_vectors, np.float32))
    t = time.perf_counter()
    gen, verify_s = _write(dst, out, hnsw_threshold, verify)
    write_s = time.perf_counter() - t - (verify_s or 0.0)
    log.info("copied %s (%s) to %s (%s) in %.1fs", src, src_gen, dst, gen, write_s)
    return CopyReport(src, dst, src_gen, gen, manifest["model"], _runtime(manifest), manifest["dimension"],
                      len(data.articles), len(data.chunks), len(data.sentences), round(read_s, 2), round(write_s, 2),
                      verify_s)
