"""The peer setup and factqa's query side, for ``perf-index``'s side-by-side run.

The peer is what the plain libraries do (and what LlamaIndex and Haystack do underneath): one
vector per whole document (title + text) from ``SentenceTransformer.encode`` (batch 64,
normalised), an exact FAISS inner-product index, and the top 10 documents per query. Each
function runs in its own child process (``python -m qa.eval.benchmarks _peer-one`` /
``_query-one``) so its peak RSS is its own.
"""
from __future__ import annotations

import json
import os
import resource
import time
from pathlib import Path

import numpy as np

BATCH_SIZE = 64


def _cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def _rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _p(values: list[float], q: float) -> float | None:
    return round(float(np.percentile(values, q)), 2) if values else None


def _claims(gold: Path) -> list[dict]:
    from qa.eval.evaluate import load_gold

    return load_gold(gold)


def peer_one(corpus: Path, gold: Path, index_path: Path, model: str = "minilm") -> dict:
    """Build the peer index over whole documents (timed apart from the model load), then score
    recall@3 / MRR@10 on the gold items with sources and time each query (encode + search)."""
    import faiss
    from sentence_transformers import SentenceTransformer

    from index.embed import MODELS, model_key
    from qa.eval.metrics import hit_at_k, reciprocal_rank

    full, path_fn, _ = MODELS[model_key(model)]
    t = time.perf_counter()
    st = SentenceTransformer(str(path_fn()), device="cpu")
    load_s = time.perf_counter() - t
    t, c = time.perf_counter(), _cpu()
    ids, texts = [], []
    with open(corpus, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rec = json.loads(line)
                ids.append(rec["id"])
                texts.append(f"{rec.get('title') or ''}\n{rec['text']}".strip())
    vecs = st.encode(texts, batch_size=BATCH_SIZE, show_progress_bar=False, normalize_embeddings=True,
                     convert_to_numpy=True)
    index = faiss.IndexFlatIP(vecs.shape[1])
    index.add(np.ascontiguousarray(vecs, dtype=np.float32))
    faiss.write_index(index, str(index_path))
    build_s, build_cpu = time.perf_counter() - t, _cpu() - c
    rss_build = _rss_mb()
    items = [g for g in _claims(gold) if g.get("sources")]
    for g in items[:2]:  # untimed warm-up
        st.encode([g["question"]], normalize_embeddings=True)
    hits, rr, ms = 0.0, 0.0, []
    for g in items:
        t = time.perf_counter()
        q = st.encode([g["question"]], normalize_embeddings=True, convert_to_numpy=True)
        _, found = index.search(np.ascontiguousarray(q, dtype=np.float32), 10)
        ms.append((time.perf_counter() - t) * 1000)
        ranking = [ids[i] for i in found[0] if i >= 0]
        hits += hit_at_k(ranking, g["sources"], 3)
        rr += reciprocal_rank(ranking, g["sources"], 10)
    n = max(1, len(items))
    return {"system": f"sentence-transformers + FAISS IndexFlatIP over whole documents ({full})",
            "documents": len(texts), "texts_embedded": len(texts), "model_load_s": round(load_s, 2),
            "build_s": round(build_s, 2), "build_cpu_s": round(build_cpu, 1), "peak_rss_build_mb": rss_build,
            "recall@3": round(hits / n, 4), "mrr@10": round(rr / n, 4), "retrieval_n": len(items),
            "query_p50_ms": _p(ms, 50), "query_p95_ms": _p(ms, 95), "loadavg_end": round(os.getloadavg()[0], 2)}


def query_one(store: Path, gold: Path, n: int = 50) -> dict:
    """factqa on a built store: retrieval scores of the hybrid retriever on every gold item with
    sources, then warm ``Engine.ask`` / ``Engine.check`` latency on the first ``n`` questions."""
    from qa.engine import Engine
    from qa.eval.runtimes import retrieval_scores

    t = time.perf_counter()
    engine = Engine(store)
    engine.warm()
    warm_s = time.perf_counter() - t
    gold_items = _claims(gold)
    scores = retrieval_scores(engine.store, engine.embedder, gold_items)
    questions = [g["question"] for g in gold_items if g.get("kind") != "claim"] or [g["question"] for g in gold_items]
    claims = [g["question"] for g in gold_items if g.get("kind") == "claim"] or questions
    for q in questions[:2]:  # untimed
        engine.ask(q)
        engine.check(q)

    def lat(fn, texts: list[str]) -> dict:
        """First pass: each text's first call (its evidence parsed by spaCy for the first time);
        ``repeat``: the same texts again (parses cached, as for a store parsed at warm-up)."""
        passes: list[list[float]] = [[], []]
        for ms in passes:
            for text in texts[:n]:
                t = time.perf_counter()
                fn(text)
                ms.append((time.perf_counter() - t) * 1000)
        first, again = passes
        return {"n": len(first), "p50_ms": _p(first, 50), "p95_ms": _p(first, 95),
                "repeat": {"p50_ms": _p(again, 50), "p95_ms": _p(again, 95)}}

    return {"runtime": engine.store.manifest.get("runtime", "torch"), "warm_s": round(warm_s, 1), **scores,
            "ask": lat(engine.ask, questions), "check": lat(engine.check, claims),
            "peak_rss_query_mb": _rss_mb(), "loadavg_end": round(os.getloadavg()[0], 2)}
