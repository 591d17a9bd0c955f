"""Exploration: conditions for 'conflicting' on held-out probabilities (scratch)."""
import sys, json, numpy as np
from pathlib import Path
from index.offline import set_defaults
set_defaults()
from qa.eval import verdict_loso as L
from qa.eval.verdict_scoring import labelled_sets, SEED_SETS, pooled, summary
from qa.verdict_features import FEATURES
mixed = Path("/tmp/v12-store")
d = L.load(Path("/tmp/seed-store"), Path("/tmp/verdict/bench"), Path("/tmp/verdict/seed.npz"), mixed)
drop = tuple(open("/tmp/verdict/drop.txt").read().strip().split(","))
m, c = L.before_key()
rows = np.isin(d["group"], (*L.SEED_SETS, *L.BENCH))
cache = Path("/tmp/verdict/P-B.npy")
if cache.is_file():
    P = np.load(cache)
else:
    P = L.held_out_proba(d, m, drop)[rows]; np.save(cache, P)
X = d["X"][rows]
f = lambda n: X[:, FEATURES.index(n)] > 0
grid = L.Grid(d, rows)
names = grid.names
def score(pred_fn, label):
    pred = pred_fn()
    cm, right = grid.counts(pred)
    seed = summary(*pooled(cm, right, names, lambda n: n in SEED_SETS))
    out = [f"seed {seed['right']}/{seed['macro_f1']:.3f}"]
    for n in ("gold_v12", "averitec", "climate-fever", "scifact"):
        if n in names:
            i = names.index(n); s = summary(cm[i], right[i]); out.append(f"{n} {s['right']}/{s['accuracy']:.3f}/{s['macro_f1']:.3f} conf{cm[i][:,2].sum()}")
    print(f"{label:45s}", " | ".join(out))
base_sets = lambda conf: labelled_sets(P, c.nee_offset, conf, {"supported": c.sup_offset, "refuted": c.ref_offset})
S1, S5 = base_sets(c.conflicting), base_sets(0.5)
def run(sets, chain, allow_conf=None, named_extra=None):
    pred, prob = grid.select(sets, chain)
    if allow_conf is not None:
        m_ = (pred == "conflicting") & ~allow_conf
        pred, prob = pred.copy(), prob.copy()
        pred[m_], prob[m_] = sets[("conflicting",)][0][m_], sets[("conflicting",)][1][m_]
    if named_extra is not None:
        k = dict(grid.cols); saved = grid.cols["named"]
        grid.cols["named"] = saved | named_extra
        v = grid.run(pred, prob, chain); grid.cols["named"] = saved; return v
    return grid.run(pred, prob, chain)
cross, cross_slot = grid.cols["cross"], grid.cols["cross_slot"]
figx = cross_slot & f("ref_figure") & f("sup_figure")
split = f("conf_figures_split")
score(lambda: run(S1, c), "previous recipe")
score(lambda: run(S1, c._replace(articles=True)), "rules conflicting across articles")
score(lambda: run(S1, c, named_extra=figx), "rules conf across articles, figure slot")
score(lambda: run(S1, c, named_extra=cross_slot & split), "rules conf across articles + figures split")
score(lambda: run(S5, c._replace(conflicting=0.5)), "model conf>=.5")
score(lambda: run(S5, c._replace(conflicting=0.5), allow_conf=figx), "model conf>=.5 figure slot across articles")
score(lambda: run(S5, c._replace(conflicting=0.5), allow_conf=split), "model conf>=.5 figures split")
score(lambda: run(S5, c._replace(conflicting=0.5), allow_conf=split & cross), "model conf>=.5 figures split across art")
score(lambda: run(S5, c._replace(conflicting=0.5), allow_conf=figx, named_extra=figx), "both, figure slot across articles")
for n in ("gold_v12",):
    if n in names:
        print(n, "rows", (np.array(d["group"][rows]) == n).sum())
