"""Writing the Milvus store: one new generation per build, made live by one alias switch.

The incremental rules are the file store's (``index.build._apply``): articles whose content
hash is unchanged keep their vectors, only new or changed ones are embedded.
"""
from __future__ import annotations

import json
import logging
import secrets
import time
from collections.abc import Callable
from pathlib import Path

from index.backends import MilvusSpec, parse_milvus
from index.errors import StoreError, StoreMissingError
from index.milvus_store import (KINDS, _short, collection_name, connect, lex_text, live_generation,
                                load_milvus_generation)
from index.store import HNSW_THRESHOLD, StoreData, check_compatible

log = logging.getLogger(__name__)

INSERT_BATCH = 1000
ARTICLE_PART = 16_000  # characters; at most 4 UTF-8 bytes each, so a part fits a 65,535-byte VARCHAR
MAX_TEXT = 65_535
HNSW_M, HNSW_EF_CONSTRUCTION = 32, 80  # as the file store's FAISS HNSW


def _schema(kind: str, dim: int):
    from pymilvus import DataType, Function, FunctionType, MilvusClient

    s = MilvusClient.create_schema(auto_id=False, enable_dynamic_field=False)
    s.add_field("id", DataType.VARCHAR, is_primary=True, max_length=1024)
    s.add_field("row", DataType.INT64)
    if kind == "chunks":
        s.add_field("doc_id", DataType.VARCHAR, max_length=1024)
        s.add_field("record", DataType.JSON)
        s.add_field("text", DataType.VARCHAR, max_length=MAX_TEXT)
        s.add_field("lex", DataType.VARCHAR, max_length=MAX_TEXT, enable_analyzer=True,
                    analyzer_params={"tokenizer": "standard"})
        s.add_field("vec", DataType.FLOAT_VECTOR, dim=dim)
        s.add_field("sparse", DataType.SPARSE_FLOAT_VECTOR)
        s.add_function(Function(name="bm25", function_type=FunctionType.BM25, input_field_names=["lex"],
                                output_field_names=["sparse"]))
    elif kind == "sentences":
        s.add_field("doc_id", DataType.VARCHAR, max_length=1024)
        s.add_field("chunk_id", DataType.VARCHAR, max_length=1024)
        s.add_field("idx", DataType.INT64)
        s.add_field("start_char", DataType.INT64)
        s.add_field("end_char", DataType.INT64)
        s.add_field("caption", DataType.BOOL)
        s.add_field("text", DataType.VARCHAR, max_length=MAX_TEXT)
        s.add_field("vec", DataType.FLOAT_VECTOR, dim=dim)
    else:  # articles, meta: Milvus wants a vector field in every collection; a 2-d zero stands in
        if kind == "articles":
            s.add_field("doc_id", DataType.VARCHAR, max_length=1024)
            s.add_field("part", DataType.INT64)
            s.add_field("hash", DataType.VARCHAR, max_length=64)
            s.add_field("text", DataType.VARCHAR, max_length=MAX_TEXT)
        s.add_field("record", DataType.JSON)
        s.add_field("vec", DataType.FLOAT_VECTOR, dim=2)
    return s


def _index_params(client, kind: str, n: int, hnsw_threshold: int):
    ip = client.prepare_index_params()
    if kind in {"chunks", "sentences"} and n >= hnsw_threshold:
        ip.add_index(field_name="vec", index_type="HNSW", metric_type="IP",
                     params={"M": HNSW_M, "efConstruction": HNSW_EF_CONSTRUCTION})
    else:
        ip.add_index(field_name="vec", index_type="FLAT", metric_type="IP")
    if kind == "chunks":  # bm25s' defaults (Lucene BM25, k1 1.5, b 0.75), as the file store
        ip.add_index(field_name="sparse", index_type="SPARSE_INVERTED_INDEX", metric_type="BM25",
                     params={"bm25_k1": 1.5, "bm25_b": 0.75})
    return ip


def _checked(text: str, what: str) -> str:
    if len(text.encode("utf-8")) > MAX_TEXT:
        raise StoreError(f"{what} is longer than {MAX_TEXT} bytes, the most a Milvus text field holds; "
                         "split the article or use the file store")
    return text


def _rows(kind: str, data: StoreData):
    if kind == "chunks":
        for i, (c, v) in enumerate(zip(data.chunks, data.chunk_vectors)):
            rec = c.to_dict()
            text = _checked(rec.pop("text"), f"chunk {c.id}")
            yield {"id": c.id, "row": i, "doc_id": c.doc_id, "record": rec, "text": text,
                   "lex": _checked(lex_text(text), f"chunk {c.id}") or "_", "vec": v.tolist()}
    elif kind == "sentences":
        for i, (s, v) in enumerate(zip(data.sentences, data.sentence_vectors)):
            yield {"id": s.id, "row": i, "doc_id": s.doc_id, "chunk_id": s.chunk_id, "idx": s.index,
                   "start_char": s.start, "end_char": s.end, "caption": bool(s.caption),
                   "text": _checked(s.text, f"sentence {s.id}"), "vec": v.tolist()}
    elif kind == "articles":
        hashes = data.manifest.get("articles", {})
        for i, a in enumerate(data.articles.values()):
            rec = a.to_dict()
            text = rec.pop("text")
            for p, start in enumerate(range(0, max(1, len(text)), ARTICLE_PART)):
                yield {"id": f"{a.id}\x1f{p}", "row": i, "doc_id": a.id, "part": p, "hash": hashes.get(a.id, a.hash),
                       "text": text[start:start + ARTICLE_PART], "record": rec if p == 0 else {}, "vec": [0.0, 0.0]}
    else:
        manifest = {k: v for k, v in data.manifest.items() if k != "articles"}  # hashes live with the articles
        yield {"id": "manifest", "row": 0, "record": json.loads(json.dumps(manifest)), "vec": [0.0, 0.0]}


def write_milvus_generation(spec: MilvusSpec, data: StoreData, hnsw_threshold: int = HNSW_THRESHOLD,
                            before_switch: Callable[[str], None] | None = None) -> str:
    """Write ``data`` as a new generation and atomically point the alias at it; returns its name.
    ``before_switch(generation)`` runs once every row is in, before the alias moves: an exception
    there drops the new generation and leaves the old one live (``index.copy`` checks its copy so)."""
    client = connect(spec)
    gen = f"g{time.strftime('%Y%m%d%H%M%S')}{secrets.token_hex(3)}"
    created: list[str] = []
    counts = {"chunks": len(data.chunks), "sentences": len(data.sentences)}
    manifest = dict(data.manifest)
    manifest["index_type"] = "HNSW" if len(data.chunks) >= hnsw_threshold else "FLAT"
    manifest["backend"] = "milvus"
    manifest["counts"] = {"articles": len(data.articles), **counts}
    data = StoreData(manifest, data.articles, data.chunks, data.sentences, data.chunk_vectors, data.sentence_vectors)
    try:
        for kind in KINDS:
            name = collection_name(spec, gen, kind)
            client.create_collection(name, schema=_schema(kind, data.manifest["dimension"]))
            created.append(name)
            # sync=False: pymilvus' wait for the index polls every 0.5 s (and an RPC Milvus Lite lacks);
            # load_collection below waits for the index on a server
            client.create_index(name, _index_params(client, kind, counts.get(kind, 0), hnsw_threshold), sync=False)
            client.load_collection(name)
            batch: list[dict] = []
            for row in _rows(kind, data):
                batch.append(row)
                if len(batch) >= INSERT_BATCH:
                    client.insert(name, batch)
                    batch = []
            if batch:
                client.insert(name, batch)
            client.flush(name)
        if before_switch is not None:
            before_switch(gen)
        live = collection_name(spec, gen, "chunks")
        if live_generation(client, spec) is None:
            client.create_alias(collection_name=live, alias=spec.name)
        else:
            client.alter_alias(collection_name=live, alias=spec.name)  # the atomic switch
    except BaseException as exc:
        for name in created:
            try:
                client.drop_collection(name)
            except Exception:  # noqa: BLE001 - best effort; the next build removes leftovers too
                log.warning("could not drop %s after a failed build", name)
        if isinstance(exc, StoreError) or not isinstance(exc, Exception):
            raise
        raise StoreError(f"writing the Milvus store {spec} failed ({_short(exc)}); the old generation is still live") from exc
    _remove_stale(client, spec, keep=gen)
    return gen


def _remove_stale(client, spec: MilvusSpec, keep: str) -> None:
    for name in client.list_collections():
        parts = name.split("__")
        if len(parts) == 3 and parts[0] == spec.name and parts[1] != keep and parts[2] in KINDS:
            try:
                client.drop_collection(name)
            except Exception:  # noqa: BLE001
                log.warning("could not drop the stale collection %s", name)


def import_file_store(root: str | Path, spec: str | MilvusSpec, hnsw_threshold: int = HNSW_THRESHOLD) -> str:
    """Copy the file store at ``root`` (records and vectors, nothing re-embedded) into Milvus."""
    from index.store import load_generation

    spec = spec if isinstance(spec, MilvusSpec) else parse_milvus(spec)
    return write_milvus_generation(spec, load_generation(Path(root)), hnsw_threshold)


def update_milvus(spec_text, paths=None, *, mode: str = "add", remove_ids=None, model: str | None = None,
                  max_tokens: int, overlap: int, progress: bool = True, hnsw_threshold: int = HNSW_THRESHOLD,
                  articles=None, on_progress: Callable[[float, str], None] | None = None, embedder=None,
                  skip_bad: bool = True, examples=()):
    """``index.build.update_store`` for a Milvus store: the same rules, a Milvus generation at the end.

    ``embedder`` replaces the model's embedder (e.g. vectors computed on a Ray cluster); with bad
    input and not ``skip_bad`` nothing is embedded or written (``report.rejected``). ``examples``: the
    corpus's (``index.examples``) when its articles come as ``articles`` rather than ``paths``."""
    from index.build import BuildReport, _apply, _empty
    from index.embed import default_runtime, get_embedder
    from index.loaders import load_paths

    t0 = time.perf_counter()
    spec = parse_milvus(spec_text)
    report = BuildReport()
    try:
        _, old = load_milvus_generation(spec)
    except StoreMissingError:
        old = None
    if old is not None and model is not None and get_embedder(model).name != old.manifest["model"]:
        if mode != "build":
            check_compatible(old.manifest, spec, model=get_embedder(model).name)  # type: ignore[arg-type]
        old = None  # a full rebuild with the new model
    if old is not None and mode == "build":
        ch = old.manifest.get("chunking", {})
        if ch.get("max_tokens") != max_tokens or ch.get("overlap_sentences") != overlap:
            old = None
    if old is None and mode == "remove":
        raise StoreMissingError(f"no index found at {spec}; nothing to remove")
    emb = embedder or get_embedder(model or (old.manifest["model"] if old else None),
                                   (old.manifest.get("runtime") or "torch") if old else None)
    if old is not None:
        check_compatible(old.manifest, spec, model=emb.name, dimension=emb.dimension)  # type: ignore[arg-type]
        if mode != "build":
            max_tokens = old.manifest["chunking"]["max_tokens"]
            overlap = old.manifest["chunking"]["overlap_sentences"]
    base = old or _empty(emb.name, emb.dimension, max_tokens, overlap, getattr(emb, "runtime", None) or default_runtime())
    incoming = list(articles or [])
    examples = tuple(examples)
    if paths:
        loaded = load_paths(list(paths))
        report.errors.extend(loaded.errors)
        report.warnings.extend(loaded.warnings)
        incoming.extend(loaded.articles)
        examples = (*examples, *loaded.examples)
    if report.errors and not skip_bad:
        report.reject()
        data = base
    else:
        data = _apply(base, incoming, mode, remove_ids or [], emb, max_tokens, overlap, progress, report,
                      on_progress or (lambda f, m: None), examples=examples)
        if report.errors and not skip_bad:  # e.g. an unknown id to remove
            report.reject()
            data = base
    if report.rejected:
        pass
    elif (old is None or report.added or report.updated or report.removed
          or data.manifest.get("examples") != old.manifest.get("examples")):
        if on_progress:
            on_progress(0.95, "writing the store")
        write_milvus_generation(spec, data, hnsw_threshold)
    report.seconds = time.perf_counter() - t0
    report.articles = len(data.articles)
    report.chunks = len(data.chunks)
    return report
