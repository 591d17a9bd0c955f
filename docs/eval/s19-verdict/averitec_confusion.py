"""AVeriTeC TUNE claims (0-199): held-out verdicts of a verdict_loso setting against whether retrieval found the
claim's own evidence (its gold question-answer documents among the candidate units' articles).

    python docs/eval/s19-verdict/averitec_confusion.py --work BENCH --cache SEED_NPZ [--mixed-store S] [--chain JSON]

Reads only the tune split's gold file (its "sources": the claim's own evidence documents) and the cached features.
"""
from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

import numpy as np

from index.offline import set_defaults


def main() -> None:
    set_defaults()
    from qa.eval import verdict_loso as L
    from qa.eval.train_verdict import CLASSES
    from qa.eval.verdict_scoring import labelled_sets

    p = argparse.ArgumentParser()
    p.add_argument("--work", type=Path, required=True)
    p.add_argument("--cache", type=Path, required=True)
    p.add_argument("--seed-store", type=Path, default=Path("/tmp/seed-store"))
    p.add_argument("--mixed-store", type=Path, default=None)
    p.add_argument("--model", default="0.003:0.5:3")
    p.add_argument("--chain", default="{}", help="Chain fields (JSON) over the shipped weights' chain")
    p.add_argument("--offsets", default="0.5,0.5,0", help="supported,refuted,nee logit offsets")
    a = p.parse_args()
    d = L.load(a.seed_store, a.work, a.cache, a.mixed_store)
    m = L.Model(*map(float, a.model.split(":")))
    so, ro, nee = map(float, a.offsets.split(","))
    c = L.before_chain()._replace(nee_offset=nee, sup_offset=so, ref_offset=ro, **json.loads(a.chain))
    rows = np.isin(d["group"], (*L.SEED_SETS, *L.BENCH))
    grid = L.Grid(d, rows)
    from qa.verdict_model import WEIGHTS

    drop = tuple(json.loads(WEIGHTS.read_text(encoding="utf-8")).get("dropped_features", ()))  # as the weights were fitted
    P = L.held_out_proba(d, m, drop)[rows]
    sets = labelled_sets(P, c.nee_offset, c.conflicting, {"supported": c.sup_offset, "refuted": c.ref_offset})
    pred = grid.run(*grid.select(sets, c), c)
    model_label = sets[()][0]
    g = d["group"][rows]
    av = g == "averitec"
    ids = d["ids"][rows][av]
    gold_items = {json.loads(line)["id"]: json.loads(line)
                  for line in (a.work / "averitec-tune" / "gold.jsonl").read_text().splitlines() if line.strip()}
    feats = dict(np.load(a.work / "verdict-features-averitec-tune.npz", allow_pickle=False))
    docs = {i: str(x).split("|") for i, x in zip(feats["ids"], feats["docs"])}
    y = d["y"][rows][av]
    v = pred[av]
    rule = d["rule"][rows][av]
    hit, top = [], []
    for i in ids:
        src = {s for s in gold_items[str(i)].get("sources", [])}
        cand = docs[str(i)]
        hit.append(bool(src & set(cand)))
        top.append(bool(cand) and cand[0] in src)
    hit, top = np.array(hit), np.array(top)
    print(f"setting: {L.describe((m, c))}")
    print(f"claims {av.sum()}: own evidence among the candidates {hit.sum()} ({hit.mean():.2f}), first {top.mean():.2f}")
    for name, mask in (("evidence found", hit), ("evidence not found", ~hit), ("all", np.ones_like(hit))):
        cm = np.zeros((4, 4), dtype=int)
        for gy, pv in zip(y[mask], v[mask]):
            cm[CLASSES.index(gy), CLASSES.index(pv)] += 1
        print(f"\n{name} (n={mask.sum()}): accuracy {np.trace(cm) / max(1, cm.sum()):.3f}, macro-F1 {L.cm_f1(cm):.3f}")
        print("gold \\ said  " + " ".join(f"{k[:6]:>7}" for k in CLASSES))
        for k, row in zip(CLASSES, cm):
            print(f"{k[:12]:<12} " + " ".join(f"{x:>7}" for x in row))
    print("\nwho decided (rules' verdict when the model did not change it):",
          Counter(("rules" if r == p_ else "model") for r, p_ in zip(rule, v)))
    print("model label before the chain, by gold:")
    for k in CLASSES:
        print(f"  {k}: {dict(Counter(model_label[av][y == k]))}")
    print("rule verdict by gold:")
    for k in CLASSES:
        print(f"  {k}: {dict(Counter(rule[y == k]))}")


if __name__ == "__main__":
    main()
