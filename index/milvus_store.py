"""The store on Milvus (Milvus Lite embedded, or a Milvus server/cluster by URI): reads.

One generation is four collections, ``<name>__<gen>__{chunks,sentences,articles,meta}``:

- ``chunks``: chunk record, ``text``, dense ``vec`` (FLAT below the file store's HNSW threshold,
  HNSW above it, inner product on L2-normalised vectors) and ``sparse``, the output of Milvus'
  built-in BM25 function over ``lex`` (the chunk's factqa tokens, so BM25 sees the same terms
  as the file store's bm25s index) - dense and full-text search in the same collection;
- ``sentences``: doc id, chunk id, index, character offsets, caption flag, text and vector;
- ``articles``: the cleaned articles (text in parts of at most 16,000 characters) and their
  content hashes (the incremental rule: unchanged articles are never embedded again);
- ``meta``: the manifest.

The alias ``<name>`` points at the live generation's ``chunks`` collection. A build writes a
whole new generation and then moves the alias (one atomic call), so readers see the old
generation or the new one, never a mix; ``is_stale`` compares the alias with what was loaded.
"""
from __future__ import annotations

import logging
import threading
from pathlib import Path

import numpy as np

from index.backends import MilvusSpec
from index.errors import StoreError, StoreMismatchError, StoreMissingError
from index.lexical import tokenize
from index.store import FORMAT_VERSION, Store, StoreData, check_compatible
from index.types import Article, Chunk, Hit, Sentence

log = logging.getLogger(__name__)

KINDS = ("chunks", "sentences", "articles", "meta")
HNSW_EF = 128  # as the file store's FAISS HNSW efSearch
READ_BATCH = 2000  # rows per query
QUERY_LIMIT = 16_384  # Milvus' largest query window

_LOCAL_GRPC = {"grpc.keepalive_time_ms": 2**31 - 1, "grpc.keepalive_permit_without_calls": False}
_CLIENTS: dict[str, object] = {}
_CLIENTS_LOCK = threading.Lock()


def rebuild_hint(spec: MilvusSpec) -> str:
    return f"build it with: factqa index build seeds/ --store {spec}"


def connect(spec: MilvusSpec):
    """One ``MilvusClient`` per URI and process (Milvus Lite runs one server per data file)."""
    import os

    from pymilvus import MilvusClient

    with _CLIENTS_LOCK:
        client = _CLIENTS.get(spec.uri)
        if client is None:
            try:
                if spec.lite:
                    Path(spec.uri).parent.mkdir(parents=True, exist_ok=True)
                    # no keepalive pings to a server in this very process: pymilvus pings every 10 s,
                    # the embedded server allows one per 5 min and drops an idle channel, noisily
                    client = MilvusClient(uri=spec.uri, grpc_options=_LOCAL_GRPC)
                else:
                    client = MilvusClient(uri=spec.uri, token=os.environ.get("MILVUS_TOKEN", ""))
            except Exception as exc:  # noqa: BLE001 - pymilvus raises several kinds; all mean "cannot open"
                raise StoreError(f"cannot open the Milvus store {spec} ({_short(exc)}); "
                                 "is another factqa process using it, or the server down?") from exc
            _CLIENTS[spec.uri] = client
        return client


def disconnect(spec: MilvusSpec) -> None:
    """Close this process's client of ``spec`` (before a long pause: an idle gRPC channel gets
    dropped by the server, noisily); the next ``connect`` opens a new one."""
    with _CLIENTS_LOCK:
        client = _CLIENTS.pop(spec.uri, None)
    if client is not None:
        client.close()
    if spec.lite:  # and stop the embedded server, which holds the data file's lock
        from milvus_lite.server_manager import server_manager_instance

        server_manager_instance.release_server(spec.uri)


def _short(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0][:200] if str(exc).strip() else type(exc).__name__


def lex_text(text: str) -> str:
    """factqa's BM25 tokens joined by spaces, with inner punctuation folded to ``_`` ("3.5" -> "3_5"),
    so that Milvus' standard analyzer splits them exactly where factqa did."""
    return " ".join("".join(ch if ch.isalnum() else "_" for ch in t) for t in tokenize(text))


def collection_name(spec: MilvusSpec, gen: str, kind: str) -> str:
    return f"{spec.name}__{gen}__{kind}"


def live_generation(client, spec: MilvusSpec) -> str | None:
    """The generation the alias points at, or None when the store was never built."""
    try:
        if spec.name not in client.list_aliases().get("aliases", []):
            return None
        target = client.describe_alias(alias=spec.name)["collection_name"]
    except Exception as exc:  # noqa: BLE001
        raise StoreError(f"cannot read the Milvus store {spec} ({_short(exc)})") from exc
    parts = target.split("__")
    if len(parts) != 3 or parts[0] != spec.name or parts[2] != "chunks":
        raise StoreError(f"the alias {spec.name} in {spec} points at {target}, not a factqa generation; "
                         f"drop the alias or use another NAME")
    return parts[1]


def _read_all(client, collection: str, fields: list[str], rows: int) -> list[dict]:
    """Every entity of ``collection`` with ``row`` in [0, rows), by row ranges (a range whose
    answer reaches the query limit is split, so nothing is cut off)."""
    out: list[dict] = []
    todo = [(lo, min(lo + READ_BATCH, rows)) for lo in range(0, rows, READ_BATCH)]
    while todo:
        lo, hi = todo.pop()
        got = client.query(collection, filter=f"row >= {lo} and row < {hi}", output_fields=fields, limit=QUERY_LIMIT)
        if len(got) >= QUERY_LIMIT and hi - lo > 1:
            mid = (lo + hi) // 2
            todo += [(lo, mid), (mid, hi)]
            continue
        out.extend(got)
    return out


def load_milvus_generation(spec: MilvusSpec, generation: str | None = None) -> tuple[str, StoreData]:
    """The live generation's name and everything it holds, in the file store's row order
    (``generation``: that one instead, e.g. a new one checked before the alias moves to it)."""
    client = connect(spec)
    gen = generation or live_generation(client, spec)
    if gen is None:
        raise StoreMissingError(f"no index found at {spec}; {rebuild_hint(spec)}")
    name = lambda kind: collection_name(spec, gen, kind)  # noqa: E731
    try:
        for kind in KINDS:  # Milvus Lite forgets what was loaded when the process ends; a server keeps it
            client.load_collection(name(kind))
        meta = client.query(name("meta"), filter='id == "manifest"', output_fields=["record"])
        if not meta:
            raise StoreError(f"the Milvus store {spec} has no manifest in generation {gen}; {rebuild_hint(spec)}")
        manifest = dict(meta[0]["record"])
        check_compatible(manifest, spec)  # type: ignore[arg-type]
        counts = manifest.get("counts", {})
        parts: dict[str, list[tuple[int, str]]] = {}
        heads: dict[str, tuple[int, dict]] = {}
        hashes: dict[str, str] = {}
        for r in _read_all(client, name("articles"), ["doc_id", "row", "part", "record", "text", "hash"],
                           counts.get("articles", 0)):
            parts.setdefault(r["doc_id"], []).append((r["part"], r["text"]))
            if r["part"] == 0:
                heads[r["doc_id"]] = (r["row"], r["record"])
                hashes[r["doc_id"]] = r["hash"]
        articles: dict[str, Article] = {}
        for doc_id, (_, record) in sorted(heads.items(), key=lambda kv: kv[1][0]):
            text = "".join(t for _, t in sorted(parts[doc_id]))
            articles[doc_id] = Article.from_dict({**record, "id": doc_id, "text": text})
        manifest["articles"] = {a: hashes[a] for a in articles}
        crow = sorted(_read_all(client, name("chunks"), ["row", "record", "text", "vec"], counts.get("chunks", 0)),
                      key=lambda r: r["row"])
        srow = sorted(_read_all(client, name("sentences"), ["id", "row", "doc_id", "chunk_id", "idx", "start_char",
                                                            "end_char", "caption", "text", "vec"],
                                counts.get("sentences", 0)), key=lambda r: r["row"])
    except StoreError:
        raise
    except Exception as exc:  # noqa: BLE001
        raise StoreError(f"the Milvus store {spec} cannot be read ({_short(exc)}); {rebuild_hint(spec)}") from exc
    if ([r["row"] for r in crow] != list(range(counts.get("chunks", -1)))
            or [r["row"] for r in srow] != list(range(counts.get("sentences", -1)))
            or len(articles) != counts.get("articles", -1)):
        raise StoreError(f"the Milvus store {spec} is inconsistent (rows missing in generation {gen}); "
                         + rebuild_hint(spec))
    chunks = [Chunk.from_dict({**r["record"], "text": r["text"]}) for r in crow]
    sentences = [Sentence(id=r["id"], doc_id=r["doc_id"], chunk_id=r["chunk_id"], index=r["idx"], start=r["start_char"],
                          end=r["end_char"], text=r["text"], caption=bool(r["caption"])) for r in srow]
    dim = manifest["dimension"]
    cvec = np.asarray([r["vec"] for r in crow], np.float32).reshape(-1, dim)
    svec = np.asarray([r["vec"] for r in srow], np.float32).reshape(-1, dim)
    return gen, StoreData(manifest, articles, chunks, sentences, cvec, svec)


class MilvusStore(Store):
    """The same reads as the file :class:`~index.store.Store`, served by Milvus.

    Records (articles, chunks, sentences) and the sentence vectors are held in memory like the
    file store's, because ``qa`` reads them directly; dense and BM25 search run in Milvus.
    """

    def __init__(self, spec: MilvusSpec) -> None:  # light: no connection until load()
        self.path = spec  # type: ignore[assignment]  # what error messages and `stats` name
        self.spec = spec
        self._data: StoreData | None = None
        self._faiss = None
        self._lexical = None
        self.generation: str | None = None

    def load(self) -> "MilvusStore":
        gen, data = load_milvus_generation(self.spec)
        self._data = data
        self.generation = gen
        self._sent_by_doc: dict[str, list[int]] = {}
        for i, s in enumerate(data.sentences):
            self._sent_by_doc.setdefault(s.doc_id, []).append(i)
        self._chunk_pos = {c.id: i for i, c in enumerate(data.chunks)}
        return self

    def _collection(self, kind: str) -> str:
        self.data
        assert self.generation is not None
        return collection_name(self.spec, self.generation, kind)

    def is_stale(self) -> bool:
        try:
            return live_generation(connect(self.spec), self.spec) != self.generation
        except StoreError:
            return False

    def dense_search(self, query_vector: np.ndarray, k: int) -> list[Hit]:
        if k <= 0:
            raise ValueError(f"k must be greater than 0. Currently, k is {k}")
        n = len(self.chunks)
        if n == 0:
            return []
        q = np.asarray(query_vector, np.float32).reshape(-1)
        if q.shape[0] != self.manifest["dimension"]:
            raise StoreMismatchError(f"query vector has {q.shape[0]} dimensions, the store has "
                                     f"{self.manifest['dimension']}; {rebuild_hint(self.spec)}")
        res = connect(self.spec).search(
            self._collection("chunks"), data=[q.tolist()], anns_field="vec", limit=min(k, n), output_fields=["row"],
            search_params={"metric_type": "IP", "params": {"ef": max(HNSW_EF, k)}})
        return [Hit(self.chunks[h["entity"]["row"]], float(h["distance"]), r) for r, h in enumerate(res[0])]

    def lexical_search(self, query: str, k: int) -> list[Hit]:
        lex = lex_text(query)
        if not lex or not self.chunks:
            return []
        res = connect(self.spec).search(
            self._collection("chunks"), data=[lex], anns_field="sparse", limit=min(k, len(self.chunks)),
            output_fields=["row"], search_params={"metric_type": "BM25"})
        # Milvus Lite reports BM25 as a negated distance, a server as a score: the magnitude is the score
        hits = [(h["entity"]["row"], abs(float(h["distance"]))) for h in res[0]]
        hits.sort(key=lambda rs: (-rs[1], rs[0]))  # ties in row order, as the file store's stable sort
        return [Hit(self.chunks[row], s, r) for r, (row, s) in enumerate(hits) if s > 0]

    def sentence_search(self, query_vector: np.ndarray, k: int) -> list[tuple[int, float]]:
        """Top ``k`` sentences by inner product, as (row, score): the query that replaces the
        in-memory ``sentence_vectors @ q`` once sentences no longer fit one client."""
        res = connect(self.spec).search(
            self._collection("sentences"), data=[np.asarray(query_vector, np.float32).tolist()], anns_field="vec",
            limit=min(k, max(1, len(self.sentences))), output_fields=["row"],
            search_params={"metric_type": "IP", "params": {"ef": max(HNSW_EF, k)}})
        return [(h["entity"]["row"], float(h["distance"])) for h in res[0]]

    def stats(self) -> dict:
        m = self.manifest
        size = 0  # a server's storage is not this machine's to measure
        if self.spec.lite and Path(self.spec.uri).exists():
            p = Path(self.spec.uri)
            size = sum(f.stat().st_size for f in p.rglob("*") if f.is_file()) if p.is_dir() else p.stat().st_size
        return {
            "store": str(self.spec), "articles": len(self.articles), "chunks": len(self.chunks),
            "sentences": len(self.sentences), "model": m.get("model"), "dimension": m.get("dimension"),
            "index_type": m.get("index_type"), "size_bytes": size, "chunking": m.get("chunking"),
            "built_at": m.get("built_at"), "factqa_version": m.get("factqa_version"),
            "generation": self.generation, "format_version": FORMAT_VERSION,
        }
