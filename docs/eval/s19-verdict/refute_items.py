import numpy as np
from pathlib import Path
from index.offline import set_defaults
set_defaults()
from qa.eval import verdict_loso as L
from qa.eval.verdict_scoring import labelled_sets
d = L.load(Path("/tmp/seed-store"), Path("/tmp/verdict/bench"), Path("/tmp/verdict/seed.npz"), Path("/tmp/v12-store"))
rows = np.isin(d["group"], (*L.SEED_SETS, *L.BENCH))
P = np.load("/tmp/verdict/P-B.npy"); grid = L.Grid(d, rows)
m, c = L.before_key()
sets = labelled_sets(P, c.nee_offset, c.conflicting, {"supported": c.sup_offset, "refuted": c.ref_offset})
ids = d["ids"][rows]; y = d["y"][rows]; g = d["group"][rows]
base = grid.run(*grid.select(sets, c), c)
i = list(ids).index("g12-n073")
print("g12-n073 held out:", base[i], "p", dict(zip(L.CLASSES, np.round(P[i], 3))), "model", sets[()][0][i], round(float(sets[()][1][i]), 3))
for r in L.REFUTE_GRID[1:]:
    v = grid.run(*grid.select(sets, c._replace(refute=r)), c)
    ch = [(ids[k], y[k], base[k], v[k]) for k in np.flatnonzero((base != v) & np.isin(g, L.SEED_SETS))]
    gained = sum(1 for _, yy, b, a in ch if a == yy); lost = sum(1 for _, yy, b, a in ch if b == yy)
    print(r, "n073 ->", v[i], f"seed changed {len(ch)}: gained {gained} lost {lost}", [x for x in ch if x[0].startswith("g12")])
