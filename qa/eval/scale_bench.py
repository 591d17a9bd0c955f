"""File store vs Milvus Lite on one corpus: write time, RSS, ask latency, recall against exact
search, and the encoder's throughput per core (docs/SCALE.md).

    python -m qa.eval.scale_bench --file-store STORE --gold GOLD.jsonl --work /tmp/scale-bench \\
        --out docs/scale/scifact.json

STORE is a built file store (its vectors are reused: nothing is embedded twice); GOLD supplies
the questions (its ``question`` fields). Each backend is served in its own subprocess so that
its RSS is its own.
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)


def _rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def _pct(xs: list[float], q: float) -> float:
    return round(float(np.percentile(xs, q)), 1) if xs else float("nan")


def _questions(gold: Path, n: int) -> list[str]:
    with open(gold, encoding="utf-8") as f:
        return [json.loads(line)["question"] for line in f if line.strip()][:n]


def serve(store: str, gold: Path, n: int) -> dict:
    """In this process: load the store and model, then ask ``n`` questions; latency and RSS."""
    from qa.engine import Engine

    rss0 = _rss_mb()
    t = time.perf_counter()
    engine = Engine(store).warm(vocabulary=False)
    load_s = time.perf_counter() - t
    rss_loaded = _rss_mb()
    lat = []
    for q in _questions(gold, n):
        t = time.perf_counter()
        engine.ask(q)
        lat.append((time.perf_counter() - t) * 1000)
    return {"store": store, "questions": len(lat), "load_s": round(load_s, 2), "rss_start_mb": round(rss0),
            "rss_loaded_mb": round(rss_loaded), "rss_peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            "ask_p50_ms": _pct(lat, 50), "ask_p95_ms": _pct(lat, 95)}


def _serve_subprocess(store: str, gold: Path, n: int) -> dict:
    out = subprocess.run([sys.executable, "-m", "qa.eval.scale_bench", "--serve", store, "--gold", str(gold),
                          "--n", str(n)], check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def recall_at(found: list[list[int]], exact: list[list[int]], k: int) -> float:
    return float(np.mean([len(set(f[:k]) & set(e[:k])) / k for f, e in zip(found, exact)]))


def dense_recall(data, queries: np.ndarray, spec_hnsw, k: int = 10) -> dict:
    """Top-``k`` chunk recall against exact inner product: FAISS HNSW and Milvus HNSW, same parameters."""
    from index.milvus_store import MilvusStore
    from index.store import make_faiss_index

    vecs = data.chunk_vectors
    exact = [list(np.argsort(-(vecs @ q))[:k]) for q in queries]
    fh = make_faiss_index(vecs, vecs.shape[1], hnsw_threshold=0)
    _, ids = fh.search(np.ascontiguousarray(queries), k)
    ms = MilvusStore(spec_hnsw).load()
    lat, got = [], []
    for q in queries:
        t = time.perf_counter()
        hits = ms.dense_search(q, k)
        lat.append((time.perf_counter() - t) * 1000)
        got.append([ms._chunk_pos[h.chunk.id] for h in hits])
    return {"k": k, "queries": len(queries), "vectors": len(vecs), "faiss_hnsw_recall": round(recall_at(ids.tolist(), exact, k), 4),
            "milvus_hnsw_recall": round(recall_at(got, exact, k), 4), "milvus_hnsw_search_p50_ms": _pct(lat, 50)}


def encode_rate(texts: list[str], model: str) -> dict:
    """Texts per CPU-second of this process (all its threads): the encoder's cost per core."""
    from index.embed import get_embedder

    emb = get_embedder(model)
    emb.encode(texts[:8])
    c, t = time.process_time(), time.perf_counter()
    emb.encode(texts)
    cpu, wall = time.process_time() - c, time.perf_counter() - t
    return {"texts": len(texts), "cpu_s": round(cpu, 2), "wall_s": round(wall, 2),
            "texts_per_cpu_s": round(len(texts) / cpu, 1), "torch_threads": _threads()}


def _threads() -> int:
    import torch

    return torch.get_num_threads()


def synthetic(n: int, dim: int, work: Path) -> dict:
    """Memory per vector of FAISS flat / HNSW / IVF-PQ (serialised size, which is what they hold in
    memory) and of a Milvus Lite HNSW collection (this process's RSS growth), on ``n`` random unit
    vectors. Random vectors are the worst case for recall, so only sizes and times are reported."""
    import faiss

    from index.backends import parse_milvus
    from index.milvus_build import HNSW_EF_CONSTRUCTION, HNSW_M
    from index.milvus_store import connect

    rng = np.random.default_rng(0)
    x = rng.standard_normal((n, dim)).astype(np.float32)
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    out: dict = {"n": n, "dim": dim, "bytes_per_vector": {}, "build_s": {}}
    hnsw = faiss.IndexHNSWFlat(dim, HNSW_M, faiss.METRIC_INNER_PRODUCT)
    hnsw.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
    nlist = max(16, int(4 * np.sqrt(n)))
    ivfpq = faiss.IndexIVFPQ(faiss.IndexFlatIP(dim), dim, nlist, 48, 8, faiss.METRIC_INNER_PRODUCT)
    for name, index in (("faiss_flat", faiss.IndexFlatIP(dim)), ("faiss_hnsw_m32", hnsw), ("faiss_ivfpq_48x8", ivfpq)):
        t = time.perf_counter()
        if not index.is_trained:
            index.train(x[: min(n, 50 * nlist)])
        index.add(x)
        out["build_s"][name] = round(time.perf_counter() - t, 1)
        out["bytes_per_vector"][name] = round(len(faiss.serialize_index(index)) / n, 1)
        del index
    db = work / "synthetic.db"
    shutil.rmtree(db, ignore_errors=True)
    spec = parse_milvus(f"milvus:{db}")
    client = connect(spec)
    from pymilvus import DataType, MilvusClient

    schema = MilvusClient.create_schema(auto_id=False)
    schema.add_field("row", DataType.INT64, is_primary=True)
    schema.add_field("vec", DataType.FLOAT_VECTOR, dim=dim)
    ip = client.prepare_index_params()
    ip.add_index(field_name="vec", index_type="HNSW", metric_type="IP",
                 params={"M": HNSW_M, "efConstruction": HNSW_EF_CONSTRUCTION})
    client.create_collection("synthetic", schema=schema)
    client.create_index("synthetic", ip, sync=False)
    client.load_collection("synthetic")
    rss0 = _rss_mb()
    t = time.perf_counter()
    for lo in range(0, n, 2000):
        client.insert("synthetic", [{"row": i, "vec": x[i].tolist()} for i in range(lo, min(n, lo + 2000))])
    client.flush("synthetic")
    lat = []
    for q in x[:200]:
        t1 = time.perf_counter()
        client.search("synthetic", data=[q.tolist()], anns_field="vec", limit=10, search_params={"params": {"ef": 128}})
        lat.append((time.perf_counter() - t1) * 1000)
    out["build_s"]["milvus_lite_hnsw_insert_flush_search"] = round(time.perf_counter() - t, 1)
    out["bytes_per_vector"]["milvus_lite_hnsw_rss_growth"] = round((_rss_mb() - rss0) * 2**20 / n, 1)
    out["milvus_lite_search_p50_ms"] = _pct(lat, 50)
    out["milvus_lite_disk_bytes_per_vector"] = round(sum(f.stat().st_size for f in db.rglob("*") if f.is_file()) / n, 1)
    return out


def run(file_store: Path, gold: Path, work: Path, n: int) -> dict:
    from index.backends import parse_milvus
    from index.embed import get_embedder
    from index.milvus_build import write_milvus_generation
    from index.milvus_store import disconnect
    from index.store import load_generation, write_generation

    work.mkdir(parents=True, exist_ok=True)
    t = time.perf_counter()
    data = load_generation(file_store)
    load_s = time.perf_counter() - t
    out: dict = {"corpus": {"store": str(file_store), "articles": len(data.articles), "chunks": len(data.chunks),
                            "sentences": len(data.sentences), "model": data.manifest["model"]},
                 "load_file_generation_s": round(load_s, 2), "uptime_before": os.getloadavg()}
    files = work / "file-copy"
    shutil.rmtree(files, ignore_errors=True)
    t = time.perf_counter()
    write_generation(files, data)
    out["write_s"] = {"file": round(time.perf_counter() - t, 2)}
    for name, threshold in (("milvus_lite", None), ("milvus_lite_hnsw", 0)):
        db = work / f"{name}.db"
        shutil.rmtree(db, ignore_errors=True)
        spec = parse_milvus(f"milvus:{db}")
        t = time.perf_counter()
        write_milvus_generation(spec, data, *(() if threshold is None else (threshold,)))
        out["write_s"][name] = round(time.perf_counter() - t, 2)
        out.setdefault("size_mb", {})[name] = round(sum(f.stat().st_size for f in db.rglob("*") if f.is_file()) / 1e6, 1)
    out["size_mb"]["file"] = round(sum(f.stat().st_size for f in files.rglob("*") if f.is_file()) / 1e6, 1)
    emb = get_embedder(data.manifest["model"])
    qs = _questions(gold, 200)
    queries = emb.encode(qs)
    out["dense_recall"] = dense_recall(data, queries, parse_milvus(f"milvus:{work / 'milvus_lite_hnsw.db'}"))
    out["encode"] = encode_rate([s.text for s in data.sentences[:1024]], data.manifest["model"])
    for name in ("milvus_lite", "milvus_lite_hnsw"):
        disconnect(parse_milvus(f"milvus:{work / f'{name}.db'}"))  # one process per Milvus Lite file
    out["serve"] = {"file": _serve_subprocess(str(files), gold, n),
                    "milvus_lite": _serve_subprocess(f"milvus:{work / 'milvus_lite.db'}", gold, n)}
    out["uptime_after"] = os.getloadavg()
    return out


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--file-store", type=Path)
    p.add_argument("--gold", type=Path)
    p.add_argument("--work", type=Path, default=Path("/tmp/factqa-scale-bench"))
    p.add_argument("--out", type=Path)
    p.add_argument("--n", type=int, default=100, help="questions asked per backend")
    p.add_argument("--serve", help=argparse.SUPPRESS)
    p.add_argument("--synthetic", type=int, help="instead: memory per vector on N random 384-d vectors")
    a = p.parse_args(argv)
    if a.synthetic:
        result = synthetic(a.synthetic, 384, a.work)
        result["command"] = "python -m qa.eval.scale_bench " + " ".join(argv if argv is not None else sys.argv[1:])
        result["loadavg"] = os.getloadavg()
        a.out.parent.mkdir(parents=True, exist_ok=True)
        a.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
        print(json.dumps(result, indent=2))
        return
    if a.serve:
        print(json.dumps(serve(a.serve, a.gold, a.n)))
        return
    if a.file_store is None or a.out is None:
        p.error("--file-store and --out are required")
    result = run(a.file_store, a.gold, a.work, a.n)
    result["command"] = "python -m qa.eval.scale_bench " + " ".join(argv if argv is not None else sys.argv[1:])
    a.out.parent.mkdir(parents=True, exist_ok=True)
    a.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
