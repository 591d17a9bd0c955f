"""Two embedding models compared on sentence choice alone, with no rule of the answer core in between.

    python -m qa.eval.sentence_models --stores /tmp/seed-store /tmp/mpnet-seed [--sets gold_v3 ...] [--json OUT]

Every store holds the same articles embedded by another model (``factqa index build --model``). For each
answerable item with gold evidence of the seed tune sets (gold_v3..gold_v11 by default; tune splits only), each
store's own model embeds the question and ranks every sentence of the store by cosine: the rank of the first
sentence that overlaps a gold evidence string (``qa.eval.metrics.quote_supports``, the citation-support measure)
gives top-1 / top-3 / top-10 hit rates and the mean reciprocal rank. For unanswerable items the best cosine is
compared with the answerable items' best cosine: the AUC (how often an answerable question's best sentence is
closer than an unanswerable one's) says how well the model's similarity alone separates them, and the quartiles of
the best cosine show the model's similarity scale (the answer core's similarity thresholds were fitted on MiniLM's).
Dev sets (v3..v7) and check sets (v8..v11) are summed apart.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
SETS = tuple(f"gold_v{i}" for i in range(3, 12))
DEV = tuple(f"gold_v{i}" for i in range(3, 8))


def _items(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def gold_rows(texts: list[str], evidence: list[str]) -> np.ndarray:
    """Indices of the sentences that overlap one of the gold evidence strings."""
    from qa.eval.metrics import quote_supports

    return np.array([i for i, t in enumerate(texts) if any(quote_supports(t, ev) for ev in evidence)], int)


def first_rank(scores: np.ndarray, positives: np.ndarray) -> int | None:
    """0-based rank (by descending score) of the best-scored positive row; None without positives."""
    if not len(positives):
        return None
    best = scores[positives].max()
    return int((scores > best).sum())


def auc(pos: list[float], neg: list[float]) -> float | None:
    """P(a positive scores above a negative), ties count half; None when either side is empty."""
    if not pos or not neg:
        return None
    p, n = np.array(pos)[:, None], np.array(neg)[None, :]
    return float(((p > n).sum() + 0.5 * (p == n).sum()) / (p.size * n.size))


def summarise(ranks: list[int], best_ans: list[float], best_un: list[float]) -> dict:
    r = np.array(ranks, int)
    n = len(r)
    q = np.quantile(best_ans, [0.25, 0.5, 0.75]).round(3).tolist() if best_ans else []
    qu = np.quantile(best_un, [0.25, 0.5, 0.75]).round(3).tolist() if best_un else []
    return {"n": n, "top1": int((r < 1).sum()), "top3": int((r < 3).sum()), "top10": int((r < 10).sum()),
            "mrr": round(float((1.0 / (r + 1)).mean()), 4) if n else None,
            "auc_best_cos": None if auc(best_ans, best_un) is None else round(auc(best_ans, best_un), 4),
            "best_cos_answerable_q": q, "best_cos_unanswerable_q": qu, "unanswerable_n": len(best_un)}


def measure(store_path: Path, sets: tuple[str, ...]) -> dict:
    from index.embed import embedder_for
    from index.store import Store

    store = Store(store_path).load()
    emb = embedder_for(store.manifest)
    texts = [s.text for s in store.sentences]
    vecs = np.asarray(store.sentence_vectors, np.float32)
    out = {"store": str(store_path), "model": store.manifest["model"], "runtime": store.manifest.get("runtime"),
           "sets": {}}
    for name in sets:
        items = [g for g in _items(ROOT / "seeds" / f"{name}.jsonl") if g["kind"] != "claim"]
        qv = emb.encode([g["question"] for g in items])
        ranks, best_ans, best_un = [], [], []
        for g, v in zip(items, qv):
            scores = vecs @ v
            if g["kind"] == "unanswerable":
                best_un.append(float(scores.max()))
                continue
            best_ans.append(float(scores.max()))
            r = first_rank(scores, gold_rows(texts, g.get("evidence") or []))
            if r is not None:
                ranks.append(r)
        out["sets"][name] = {"ranks": ranks, "best_ans": best_ans, "best_un": best_un}
    return out


def table(results: list[dict], sets: tuple[str, ...]) -> str:
    lines = ["| sets | model | questions | top-1 | top-3 | top-10 | MRR | AUC best cosine (answerable > unanswerable) | "
             "best cosine answerable q25/50/75 | unanswerable q25/50/75 |", "|---|---|---|---|---|---|---|---|---|---|"]
    groups = [(s, (s,)) for s in sets] + [("dev v3..v7", tuple(s for s in sets if s in DEV)),
                                          ("check v8..v11", tuple(s for s in sets if s not in DEV))]
    for label, part in groups:
        if not part:
            continue
        for res in results:
            sums = {k: sum((res["sets"][s][k] for s in part), []) for k in ("ranks", "best_ans", "best_un")}
            m = summarise(sums["ranks"], sums["best_ans"], sums["best_un"])
            lines.append(f"| {label} | {res['model'].split('/')[-1]} | {m['n']} | {m['top1']} | {m['top3']} | "
                         f"{m['top10']} | {m['mrr']} | {m['auc_best_cos']} | {m['best_cos_answerable_q']} | "
                         f"{m['best_cos_unanswerable_q']} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    from index.offline import set_defaults

    set_defaults()
    p = argparse.ArgumentParser(prog="python -m qa.eval.sentence_models", description=__doc__.split("\n\n")[0])
    p.add_argument("--stores", nargs="+", type=Path, required=True, help="stores of the same articles, one per model")
    p.add_argument("--sets", nargs="*", default=list(SETS), help="seed tune sets (never an unseen set)")
    p.add_argument("--json", type=Path, help="also write the per-question ranks and cosines here")
    a = p.parse_args(argv)
    sets = tuple(a.sets)
    results = [measure(s, sets) for s in a.stores]
    print(table(results, sets))
    if a.json:
        a.json.write_text(json.dumps(results) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
