import numpy as np, itertools
from pathlib import Path
from index.offline import set_defaults
set_defaults()
from qa.eval import verdict_loso as L
from qa.eval.verdict_scoring import labelled_sets, SEED_SETS, pooled, summary
from qa.verdict_features import FEATURES
d = L.load(Path("/tmp/seed-store"), Path("/tmp/verdict/bench"), Path("/tmp/verdict/seed.npz"), Path("/tmp/v12-store"))
rows = np.isin(d["group"], (*L.SEED_SETS, *L.BENCH))
P = np.load("/tmp/verdict/P-B.npy"); grid = L.Grid(d, rows); names = grid.names
X = d["X"][rows]
m, c = L.before_key()
sets = labelled_sets(P, c.nee_offset, c.conflicting, {"supported": c.sup_offset, "refuted": c.ref_offset})
def f(n): return X[:, FEATURES.index(n)] > 0
def score(grounded, label):
    saved = grid.refuting; grid.refuting = grounded
    v = grid.run(*grid.select(sets, c._replace(refute="always")), c); grid.refuting = saved
    cm, right = grid.counts(v)
    seed = summary(*pooled(cm, right, names, lambda n: n in SEED_SETS))
    out = [f"seed {seed['right']}/{seed['macro_f1']:.3f}"]
    for n in ("gold_v12", "averitec", "climate-fever", "scifact"):
        i = names.index(n); s = summary(cm[i], right[i]); out.append(f"{n} {s['right']}/{s['macro_f1']:.3f}")
    blocked = ((sets[()][0] == "refuted") & ~grounded).sum()
    print(f"{label:40s} blocked {blocked:4d}", " | ".join(out))
base = grid.refuting.copy()
score(np.ones(len(base), bool), "off")
score(base, "clash only")
soft = ["falsity_top", "denial_top", "negated_top", "neg_asym3", "answer_no_top", "unknown_top", "figure_other3",
        "place_clash3", "time_clash3", "group_clash3", "prefix_clash3", "direction3", "conf_polarity_split",
        "trust_neg_mismatch", "n_other_figure", "hedged_top", "falsity_all", "negated_all", "answer_no_all", "unknown_all"]
soft += [x for x in FEATURES if x.startswith("cue:") and x not in ("cue:yes", "cue:true", "cue:correct", "cue:accurate", "cue:confirmed", "cue:genuine", "cue:authentic", "cue:verified", "cue:indeed", "cue:official")]
g = base.copy()
for n in soft: g |= f(n)
score(g, "clash or any soft refuting signal")
g2 = base.copy()
for n in soft[:20]: g2 |= f(n)
score(g2, "clash or slot/polarity signal (no cues)")
# the fault's reading: some relevant unit not neutral/agreeing: a unit that is not SUPPORTS and not off topic
