"""Encoder runtimes and chunk-vector recipes compared on the same texts and the same store.

    python -m qa.eval.runtimes --store S --gold G [--runtimes torch,torch-int8,onnx,onnx-int8]
        -> docs/perf/runtimes.json

For each runtime: encode a fixed sample of the store's sentences (after an untimed warm-up pass
over the same sample, so every runtime meets its shapes once) and time it; then re-embed every
sentence of the store with that runtime, derive the chunk vectors from them
(``index.build.chunk_vectors_from_sentences``) and score retrieval on the gold claims with
sources (recall@3, MRR@10 over ``qa.retrieve.retrieve``'s document ranking, the ranking the engine
reports). ``--chunk-texts`` also scores chunk vectors encoded from the chunk texts (the old
recipe), with the torch runtime, for the before/after of "embed each sentence once".
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import random
import sys
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)


def retrieval_scores(store, embedder, gold: list[dict], mode: str = "hybrid", cfg=None) -> dict:
    """recall@1/3/10 and MRR@10 of the document ranking ``retrieve`` gives for each gold item
    with sources, and the p50 of the retrieval call (ms); ``cfg``: a ``qa.config.RetrievalConfig``
    (default: the engine's)."""
    from qa.eval.metrics import hit_at_k, reciprocal_rank
    from qa.question import normalize_question
    from qa.config import RETRIEVAL
    from qa.retrieve import retrieve

    cfg = cfg or RETRIEVAL
    items = [g for g in gold if g.get("sources")]
    hits = {1: 0.0, 3: 0.0, 10: 0.0}
    rr, ms = 0.0, []
    for g in items:
        t = time.perf_counter()
        r = retrieve(store, embedder, normalize_question(g["question"]), mode=mode, cfg=cfg)
        ms.append((time.perf_counter() - t) * 1000)
        for k in hits:
            hits[k] += hit_at_k(r.doc_ranking, g["sources"], k)
        rr += reciprocal_rank(r.doc_ranking, g["sources"], 10)
    n = max(1, len(items))
    return {"n": len(items), **{f"recall@{k}": round(v / n, 4) for k, v in hits.items()},
            "mrr@10": round(rr / n, 4), "retrieve_p50_ms": round(float(np.median(ms)), 2) if ms else None}


def with_vectors(store, sentence_vectors: np.ndarray, chunk_vectors: np.ndarray):
    """``store`` (loaded) with its vectors replaced, in memory only."""
    from index.store import make_faiss_index

    store.data  # load
    store._data = replace(store._data, sentence_vectors=sentence_vectors, chunk_vectors=chunk_vectors)
    store._faiss = make_faiss_index(chunk_vectors, chunk_vectors.shape[1])
    return store


def speed(texts: list[str], runtimes: tuple[str, ...], model: str, rounds: int = 5) -> dict:
    """Encode ``texts`` with every runtime, interleaved: the texts are cut into ``rounds`` slices
    and each slice is encoded by each runtime in turn, so all runtimes meet the same machine load
    (the machine is shared). Every runtime first encodes all of ``texts`` once, untimed. Wall and
    CPU seconds (``time.process_time``: all threads of this process) per runtime."""
    from index.embed import get_embedder

    embs = {rt: get_embedder(model, rt) for rt in runtimes}
    out = {}
    for rt, emb in embs.items():
        t = time.perf_counter()
        emb.warm()
        out[rt] = {"load_s": round(time.perf_counter() - t, 2), "wall_s": 0.0, "cpu_s": 0.0}
        emb.encode(texts)  # warm-up: every shape once
    step = -(-len(texts) // rounds)
    for i in range(0, len(texts), step):
        for rt, emb in embs.items():
            t, c = time.perf_counter(), time.process_time()
            emb.encode(texts[i:i + step])
            out[rt]["wall_s"] += time.perf_counter() - t
            out[rt]["cpu_s"] += time.process_time() - c
    base = runtimes[0]
    for rt in runtimes:
        r = out[rt]
        r["texts_per_s"] = round(len(texts) / r["wall_s"], 1)
        r["texts_per_cpu_s"] = round(len(texts) / r["cpu_s"], 1)
        r["speedup_wall_vs_" + base] = round(out[base]["wall_s"] / r["wall_s"], 2)
        r["speedup_cpu_vs_" + base] = round(out[base]["cpu_s"] / r["cpu_s"], 2)
        r["wall_s"], r["cpu_s"] = round(r["wall_s"], 2), round(r["cpu_s"], 2)
    return out


def compare(store_path: Path, gold_path: Path, runtimes: tuple[str, ...], sample: int = 1000,
            chunk_texts: bool = False) -> dict:
    from index.build import chunk_vectors_from_sentences
    from index.embed import get_embedder
    from index.store import Store
    from qa.eval.evaluate import load_gold

    gold = load_gold(gold_path)
    store = Store(store_path).load()
    sents = [s.text for s in store.sentences]
    picked = random.Random(0).sample(sents, min(sample, len(sents)))
    out: dict = {"store": str(store_path), "gold": str(gold_path), "sentences": len(sents),
                 "chunks": len(store.chunks), "speed_sample": len(picked), "runtimes": {}}
    base_vecs = None
    sv0, cv0 = store.sentence_vectors, store.data.chunk_vectors
    for rt in runtimes:
        emb = get_embedder(store.manifest["model"], rt)
        t = time.perf_counter()
        emb.warm()
        load_s = time.perf_counter() - t
        emb.encode(picked)  # warm-up: every shape once
        t = time.perf_counter()
        emb.encode(picked)
        speed_s = time.perf_counter() - t
        t = time.perf_counter()
        if rt == (store.manifest.get("runtime") or "torch"):
            svecs, all_s = store.sentence_vectors, None  # the store's own vectors: same runtime, same texts
        else:
            svecs = emb.encode(sents)
            all_s = round(time.perf_counter() - t, 1)
        cvecs = chunk_vectors_from_sentences(store.chunks, store.sentences, svecs)
        scores = retrieval_scores(with_vectors(store, svecs, cvecs), emb, gold)
        with_vectors(store, sv0, cv0)
        row = {"load_s": round(load_s, 2), "sample_encode_s": round(speed_s, 2),
               "texts_per_s": round(len(picked) / speed_s, 1), "all_sentences_encode_s": all_s,
               "loadavg": round(os.getloadavg()[0], 2), **scores}
        if base_vecs is None:
            base_vecs = svecs
        else:
            row["min_cosine_to_first"] = round(float(np.min(np.sum(base_vecs * svecs, axis=1))), 5)
        out["runtimes"][rt] = row
        log.info("%s: %s", rt, row)
        if chunk_texts and rt == "torch":
            t = time.perf_counter()
            enc = emb.encode([c.text for c in store.chunks])
            row_c = {"chunk_encode_s": round(time.perf_counter() - t, 1),
                     **retrieval_scores(with_vectors(store, svecs, enc), emb, gold)}
            out["torch_chunk_texts_encoded"] = row_c
            log.info("torch, chunk texts encoded: %s", row_c)
    return out


def main(argv: list[str] | None = None) -> int:
    from qa.eval.benchmarks import ROOT, _write_json, environment

    p = argparse.ArgumentParser(prog="python -m qa.eval.runtimes", description=__doc__.split("\n\n")[0])
    p.add_argument("--store", type=Path, required=True)
    p.add_argument("--gold", type=Path, required=True)
    p.add_argument("--runtimes", default="torch,torch-int8,onnx,onnx-int8")
    p.add_argument("--sample", type=int, default=1000, help="sentences timed per runtime (default: %(default)s)")
    p.add_argument("--chunk-texts", action="store_true", help="also score chunk vectors encoded from chunk texts")
    p.add_argument("--speed-only", action="store_true", help="only the interleaved speed comparison")
    p.add_argument("--out", type=Path, default=ROOT / "docs" / "perf" / "runtimes.json")
    a = p.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="[%(asctime)s] %(message)s", datefmt="%H:%M:%S")
    runtimes = tuple(r for r in a.runtimes.split(",") if r)
    if a.speed_only:
        from index.store import Store

        st = Store(a.store).load()
        texts = random.Random(0).sample([s.text for s in st.sentences], min(a.sample, len(st.sentences)))
        res = {"store": str(a.store), "speed_sample": len(texts), "runtimes": speed(texts, runtimes, st.manifest["model"])}
    else:
        res = compare(a.store, a.gold, runtimes, a.sample, a.chunk_texts)
    res["command"] = "python -m qa.eval.runtimes " + " ".join(argv if argv is not None else sys.argv[1:])
    res["environment"] = environment()
    _write_json(a.out, res)
    print(json.dumps(res["runtimes"], indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
