"""One run, two backends, the same vectors: a built file store and its copy in Milvus (docs/SCALE.md).

    python -m qa.eval.scale_compare --file-store STORE --milvus milvus:/tmp/x.db --gold GOLD.jsonl \\
        --copy --n 100 --out docs/scale/scifact-full.json

1. ``--copy``: ``index.copy.copy_store(STORE, MILVUS)`` in a child process (nothing re-embedded;
   its wall time and peak RSS are the child's own).
2. In this process, one ``Engine`` per backend, warmed alike. Retrieval scores of the hybrid
   retriever on every gold item with sources (``qa.eval.runtimes.retrieval_scores``: recall@1/3/10,
   MRR@10 of the document ranking) on each backend.
3. Dense search against exact search (numpy inner product over all vectors) on a sample of the gold
   questions: top-k chunk recall of the file store's FAISS index and of Milvus, and top-k sentence
   recall of Milvus' sentence collection (``MilvusStore.sentence_search``).
4. ``ask`` latency on the first ``n`` questions, interleaved question by question (which backend goes
   first alternates), so both see the same machine load; the load average is recorded before and after.
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import resource
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
                return round(int(line.split()[1]) / 1024)
    return float("nan")


def _pct(xs: list[float], q: float) -> float | None:
    return round(float(np.percentile(xs, q)), 1) if xs else None


def copy_child(src: str, dst: str, verify: bool = True) -> dict:
    """In this (child) process: the copy, its report and this process's peak RSS."""
    from index.copy import copy_store

    t = time.perf_counter()
    rep = copy_store(src, dst, replace=True, verify=verify)
    return {**rep.to_dict(), "wall_s": round(time.perf_counter() - t, 1),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            "loadavg_end": os.getloadavg()}


def check_copy(src: str, dst: str) -> dict:
    """Read both stores whole and compare them (``index.copy.compare``): what ``--no-verify`` skipped."""
    from index.copy import compare as same, read_store

    t = time.perf_counter()
    _, a = read_store(src)
    _, b = read_store(dst)
    problem = same(a, b)
    return {"source": src, "destination": dst, "identical": problem is None, "problem": problem,
            "chunks": len(b.chunks), "sentences": len(b.sentences), "seconds": round(time.perf_counter() - t, 1),
            "loadavg_end": os.getloadavg(), "finished": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}


def _overlap(found: list[int], exact: list[int], k: int) -> float:
    return len(set(found[:k]) & set(exact[:k])) / k


def dense_vs_exact(file_store, milvus_store, queries: np.ndarray, k: int = 10) -> dict:
    """Top-``k`` recall against exact inner product, chunks on both backends and sentences on Milvus."""
    cvec = np.asarray(file_store.data.chunk_vectors, np.float32)
    svec = np.asarray(file_store.sentence_vectors, np.float32)
    pos = {c.id: i for i, c in enumerate(file_store.chunks)}
    r_file, r_milvus, r_sent, lat_c, lat_s = [], [], [], [], []
    for q in queries:
        exact_c = list(np.argsort(-(cvec @ q), kind="stable")[:k])
        exact_s = list(np.argsort(-(svec @ q), kind="stable")[:k])
        r_file.append(_overlap([pos[h.chunk.id] for h in file_store.dense_search(q, k)], exact_c, k))
        t = time.perf_counter()
        got = [pos[h.chunk.id] for h in milvus_store.dense_search(q, k)]
        lat_c.append((time.perf_counter() - t) * 1000)
        r_milvus.append(_overlap(got, exact_c, k))
        t = time.perf_counter()
        got_s = [row for row, _ in milvus_store.sentence_search(q, k)]
        lat_s.append((time.perf_counter() - t) * 1000)
        r_sent.append(_overlap(got_s, exact_s, k))
    return {"k": k, "queries": len(queries), "chunks": len(cvec), "sentences": len(svec),
            "index_type": {"file": file_store.manifest.get("index_type"), "milvus": milvus_store.manifest.get("index_type")},
            "chunk_recall_file": round(float(np.mean(r_file)), 4), "chunk_recall_milvus": round(float(np.mean(r_milvus)), 4),
            "sentence_recall_milvus": round(float(np.mean(r_sent)), 4),
            "milvus_chunk_search_p50_ms": _pct(lat_c, 50), "milvus_sentence_search_p50_ms": _pct(lat_s, 50)}


def compare(file_store: str, milvus: str, gold: Path, n: int, exact_sample: int, vocabulary: bool) -> dict:
    from qa.engine import Engine
    from qa.eval.evaluate import load_gold
    from qa.eval.runtimes import retrieval_scores

    items = load_gold(gold)
    out: dict = {"loadavg_start": os.getloadavg(), "rss_start_mb": _rss_mb(), "backends": {}}
    engines = {}
    for name, spec in (("file", file_store), ("milvus_lite", milvus)):
        t = time.perf_counter()
        engines[name] = Engine(spec).warm(vocabulary=vocabulary)
        out["backends"][name] = {"store": spec, "load_and_warm_s": round(time.perf_counter() - t, 1),
                                 "rss_after_load_mb": _rss_mb(), **engines[name].store.stats()}
    for name, eng in engines.items():
        t = time.perf_counter()
        out["backends"][name]["retrieval"] = retrieval_scores(eng.store, eng.embedder, items)
        out["backends"][name]["retrieval"]["seconds"] = round(time.perf_counter() - t, 1)
    questions = [g["question"] for g in items]
    emb = engines["file"].embedder
    out["dense_vs_exact"] = dense_vs_exact(engines["file"].store, engines["milvus_lite"].store,
                                           emb.encode(questions[:exact_sample]))
    names = list(engines)
    for q in questions[:2]:  # untimed
        for e in engines.values():
            e.ask(q)
    lat: dict[str, list[float]] = {k: [] for k in names}
    out["loadavg_before_asks"] = os.getloadavg()
    for i, q in enumerate(questions[:n]):
        for name in (names if i % 2 == 0 else names[::-1]):
            t = time.perf_counter()
            engines[name].ask(q)
            lat[name].append((time.perf_counter() - t) * 1000)
    out["loadavg_after_asks"] = os.getloadavg()
    for name in names:
        out["backends"][name]["ask"] = {"n": len(lat[name]), "p50_ms": _pct(lat[name], 50), "p95_ms": _pct(lat[name], 95)}
    f, m = (out["backends"][k]["retrieval"] for k in names)
    out["recall@3_difference"] = round(m["recall@3"] - f["recall@3"], 4)
    out["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--file-store", required=True)
    p.add_argument("--milvus", required=True, help="milvus:PATH.db (or a server URI)")
    p.add_argument("--gold", type=Path, required=True)
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--copy", action="store_true", help="first copy the file store into --milvus (a child process)")
    p.add_argument("--n", type=int, default=100, help="questions asked per backend for latency")
    p.add_argument("--exact-sample", type=int, default=200, help="questions for dense recall against exact search")
    p.add_argument("--no-vocabulary", action="store_true", help="warm without embedding the store's vocabulary")
    p.add_argument("--no-verify", action="store_true", help="copy without reading the copy back to compare it")
    p.add_argument("--check-only", action="store_true",
                   help="only read both stores and compare records and vectors (after a --no-verify copy)")
    p.add_argument("--copy-child", action="store_true", help=argparse.SUPPRESS)
    a = p.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    if a.copy_child:
        print(json.dumps(copy_child(a.file_store, a.milvus, not a.no_verify)))
        return 0
    argv = argv if argv is not None else sys.argv[1:]
    if a.check_only:
        out = {"command": "python -m qa.eval.scale_compare " + " ".join(argv), **check_copy(a.file_store, a.milvus)}
        a.out.parent.mkdir(parents=True, exist_ok=True)
        a.out.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
        return 0 if out["identical"] else 1
    result: dict = {"command": "python -m qa.eval.scale_compare " + " ".join(argv),
                    "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    if a.copy:
        child = subprocess.run([sys.executable, "-m", "qa.eval.scale_compare", "--copy-child", "--file-store", a.file_store,
                                "--milvus", a.milvus, "--gold", str(a.gold), "--out", str(a.out)]
                               + (["--no-verify"] if a.no_verify else []),
                               check=True, capture_output=True, text=True)
        result["copy"] = json.loads(child.stdout.strip().splitlines()[-1])
        log.info("copy: %s", result["copy"])
    result.update(compare(a.file_store, a.milvus, a.gold, a.n, a.exact_sample, not a.no_vocabulary))
    result["finished"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    a.out.parent.mkdir(parents=True, exist_ok=True)
    a.out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    log.info("wrote %s", a.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
