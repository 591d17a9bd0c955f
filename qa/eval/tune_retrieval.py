"""Choose how chunks are ranked from sentence scores (``qa.config.RetrievalConfig``) on a tune
split, and report the choice on a report split, on one store (its vectors as stored: every
sentence embedded once, chunk vectors the mean of their sentences').

    python -m qa.eval.tune_retrieval --store STORE --tune-gold TRAIN.jsonl --report-gold DEV.jsonl \\
        [--out docs/perf/retrieval-tune.json]

Every question is encoded once; each recipe then scores *every* chunk of the store from the same
features (cosine of the chunk's best and second-best sentence, the chunk's mean vector, BM25 over
chunk texts and BM25 over whole articles, both standardised over the store) and is scored by the
documents of its first ``k_chunks`` chunks, as ``qa.retrieve.Retrieval.doc_ranking`` gives them
(recall@1/3/10, MRR@10 over gold items with sources). Named recipes (the ranking before this
change, reciprocal-rank fusions) are shown next to a grid of linear mixes; the grid point with the
best recall@3 + MRR@10 on the *tune* gold is the choice (ties: the first in grid order, the
simplest). Last, ``qa.retrieve.retrieve`` itself runs with the chosen weights on both splits, so
the table shows what the engine does with its candidate pools, not only the exhaustive scoring.
"""
from __future__ import annotations

import argparse
import itertools
import json
import logging
import sys
import time
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

RRF_K = 60  # the reciprocal-rank constant the ranking before this change used
GRID = {"second_weight": (0.0, 0.2, 0.4), "mean_weight": (0.0, 0.2), "chunk_bm25_weight": (0.0, 0.02, 0.05),
        "article_bm25_weight": (0.0, 0.03, 0.05, 0.08)}


def _read_gold(path: Path) -> list[dict]:
    from qa.question import normalize_question

    with open(path, encoding="utf-8") as f:
        items = [json.loads(line) for line in f if line.strip()]
    return [{"q": normalize_question(g["question"]), "sources": set(g["sources"])} for g in items if g.get("sources")]


def _rrf(score_lists: list[np.ndarray], pool: int = 36) -> np.ndarray:
    """Reciprocal-rank fusion of the first ``pool`` of each score array (as the old ranking did)."""
    from qa.retrieve import top_k

    fused = np.zeros(len(score_lists[0]), np.float64)
    for s in score_lists:
        top = top_k(s, pool)
        top = top[s[top] > -np.inf]
        fused[top] += 1.0 / (RRF_K + np.arange(len(top)) + 1)
    return fused


class Scorer:
    """recall@1/3/10 and MRR@10 of one recipe, accumulated over questions."""

    def __init__(self) -> None:
        self.hits = {1: 0, 3: 0, 10: 0}
        self.rr = 0.0
        self.n = 0

    def add(self, docs: list[str], gold: set[str]) -> None:
        self.n += 1
        for rank, d in enumerate(docs[:10], start=1):
            if d in gold:
                self.rr += 1.0 / rank
                for k in self.hits:
                    self.hits[k] += rank <= k
                return

    def result(self) -> dict:
        n = max(1, self.n)
        return {"n": self.n, **{f"recall@{k}": round(v / n, 4) for k, v in self.hits.items()},
                "mrr@10": round(self.rr / n, 4)}


def evaluate(store, embedder, gold: list[dict], recipes: dict, k_chunks: int) -> dict[str, dict]:
    """Every recipe (features -> one score per chunk) on every gold item."""
    from qa.retrieve import chunk_features, standardised, top_k

    lay = store.layout
    all_chunks = np.arange(len(store.chunks))
    chunk_doc = [store.chunks[i].doc_id for i in all_chunks]
    cvecs = store.data.chunk_vectors
    svecs = np.asarray(store.sentence_vectors)
    scorers = {name: Scorer() for name in recipes}
    for g in gold:
        qv = embedder.encode([g["q"]])[0]
        sims = svecs @ qv
        best, second = chunk_features(store, sims, all_chunks)
        f = {"best": best, "second": second, "mean": cvecs @ qv,
             "chunk_bm25": store._lexical.scores(g["q"]) if store._lexical is not None else np.zeros(len(all_chunks)),
             "article_bm25_z": standardised(store.article_lexical_scores(g["q"]))[lay.chunk_doc]}
        f["chunk_bm25_z"] = standardised(f["chunk_bm25"])
        for name, recipe in recipes.items():
            top = top_k(np.asarray(recipe(f), np.float64), k_chunks)
            scorers[name].add(list(dict.fromkeys(chunk_doc[i] for i in top)), g["sources"])
    return {name: s.result() for name, s in scorers.items()}


def recipes() -> tuple[dict, dict]:
    """Named recipes and the grid of linear mixes (name -> weights)."""
    named = {
        "before: RRF(chunk mean vector, chunk BM25, best sentence)":
            lambda f: _rrf([f["mean"], np.where(f["chunk_bm25"] > 0, f["chunk_bm25"], -np.inf), f["best"]]),
        "RRF(chunk BM25, best sentence)":
            lambda f: _rrf([np.where(f["chunk_bm25"] > 0, f["chunk_bm25"], -np.inf), f["best"]]),
        "best sentence only": lambda f: f["best"],
        "chunk mean vector only": lambda f: f["mean"],
        "article BM25 only": lambda f: f["article_bm25_z"],
    }
    grid = {}
    for w2, wm, wc, wa in itertools.product(*GRID.values()):
        w = {"second_weight": w2, "mean_weight": wm, "chunk_bm25_weight": wc, "article_bm25_weight": wa}
        grid[json.dumps(w)] = (w, lambda f, w2=w2, wm=wm, wc=wc, wa=wa: (
            f["best"] + w2 * f["second"] + wm * f["mean"] + wc * f["chunk_bm25_z"] + wa * f["article_bm25_z"]))
    return named, grid


def run(store_path: Path, tune_gold: Path, report_gold: Path, out: Path | None) -> dict:
    from dataclasses import replace

    from index.embed import embedder_for
    from index.store import Store
    from qa.config import RETRIEVAL
    from qa.eval.runtimes import retrieval_scores

    store = Store(store_path).load()
    embedder = embedder_for(store.manifest)
    named, grid = recipes()
    all_recipes = {**named, **{k: fn for k, (_, fn) in grid.items()}}
    splits = {"tune": _read_gold(tune_gold), "report": _read_gold(report_gold)}
    t = time.perf_counter()
    scores = {split: evaluate(store, embedder, gold, all_recipes, RETRIEVAL.k_chunks) for split, gold in splits.items()}

    def key(name: str) -> float:
        r = scores["tune"][name]
        return r["recall@3"] + r["mrr@10"]

    chosen = max(grid, key=key)  # max keeps the first of equals: the simplest in grid order
    weights = grid[chosen][0]
    cfg = replace(RETRIEVAL, second_weight=weights["second_weight"], article_bm25_weight=weights["article_bm25_weight"])
    engine = {}
    if weights["mean_weight"] == 0 and weights["chunk_bm25_weight"] == 0:  # what qa.retrieve implements
        for split, path in (("tune", tune_gold), ("report", report_gold)):
            with open(path, encoding="utf-8") as f:
                engine[split] = retrieval_scores(store, embedder, [json.loads(x) for x in f if x.strip()], cfg=cfg)
    rows = [{"recipe": name, "tune": scores["tune"][name], "report": scores["report"][name]} for name in named]
    rows += [{"recipe": "grid", "weights": w, "tune": scores["tune"][k], "report": scores["report"][k]}
             for k, (w, _) in sorted(grid.items(), key=lambda kv: -key(kv[0]))]
    result = {
        "command": "python -m qa.eval.tune_retrieval " + " ".join(sys.argv[1:]),
        "store": str(store_path), "tune_gold": str(tune_gold), "report_gold": str(report_gold),
        "splits": {"tune": "chosen on it", "report": "reported only, never chosen on"},
        "chosen": weights, "chosen_config": cfg.to_dict(), "engine_retrieve": engine, "rows": rows,
        "wall_s": round(time.perf_counter() - t, 1), "loadavg": _loadavg(),
    }
    if out:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    return result


def _loadavg() -> list[float]:
    try:
        return [round(x, 2) for x in __import__("os").getloadavg()]
    except OSError:
        return []


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m qa.eval.tune_retrieval", description=__doc__.split("\n\n")[0])
    p.add_argument("--store", type=Path, required=True)
    p.add_argument("--tune-gold", type=Path, required=True, help="gold of the tune split (chosen on it)")
    p.add_argument("--report-gold", type=Path, required=True, help="gold of the report split (reported only)")
    p.add_argument("--out", type=Path, default=Path("docs/perf/retrieval-tune.json"))
    a = p.parse_args(argv)
    res = run(a.store, a.tune_gold, a.report_gold, a.out)
    fmt = lambda r: f"{r['recall@1']:.3f} {r['recall@3']:.3f} {r['recall@10']:.3f} {r['mrr@10']:.3f}"  # noqa: E731
    print("recipe | tune r@1 r@3 r@10 MRR@10 | report r@1 r@3 r@10 MRR@10")
    for row in res["rows"][:20]:
        print(f"{row['recipe']} {row.get('weights', '')} | {fmt(row['tune'])} | {fmt(row['report'])}")
    print("chosen", res["chosen"])
    for split, r in res["engine_retrieve"].items():
        print("qa.retrieve", split, r)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
