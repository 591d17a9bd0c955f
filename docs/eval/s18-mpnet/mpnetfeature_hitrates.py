"""Cheap design, measured offline: MiniLM retrieval and candidates (train_rank's cached features on the MiniLM seed
store), plus the mpnet cosine of question and candidate (vectors from the mpnet seed store, same sentences) as ranker
features; leave-one-set-out hit rates (top-1/top-3) as train_rank measures them, at the shipped keep_first/order_prior."""
import json, pickle, sys
from pathlib import Path
import numpy as np
sys.path.insert(0, "/work/wt-mpnet")
from index.store import Store
from index.embed import embedder_for
from qa.eval import train_rank as T
from qa.rank import RankModel, order
from qa.retrieve import standardised

saved = pickle.loads(Path(sys.argv[1]).read_bytes())
data = saved["data"]
store = Store(sys.argv[2]).load()
emb = embedder_for(store.manifest)
row_of = {}
for i, s in enumerate(store.sentences):
    row_of.setdefault(s.text, i)
vecs = np.asarray(store.sentence_vectors, np.float32)
qtext = {}
for name in data:
    for line in open(f"/work/wt-mpnet/seeds/{name}.jsonl"):
        if line.strip():
            g = json.loads(line); qtext[g["id"]] = g["question"]
missing = 0
for name, qs in data.items():
    qv = emb.encode([qtext[q["id"]] for q in qs])
    for q, v in zip(qs, qv):
        cos = []
        for t in q["texts"]:
            r = row_of.get(t)
            if r is None:
                missing += 1; cos.append(np.nan)
            else:
                cos.append(float(vecs[r] @ v))
        c = np.array(cos, float)
        c = np.where(np.isnan(c), np.nanmean(c) if np.isfinite(c).any() else 0.0, c)
        q["mp"] = c
print("candidate texts not found in the mpnet store:", missing, file=sys.stderr)

def fitm(sets, extra, C=0.3):
    import qa.rank_features as RF
    d = {s: [dict(q, x=np.hstack([q["x"], feats(q)]) if extra else q["x"]) for q in data[s]] for s in data}
    w = T.fit(d, sets, C)
    return RankModel(tuple(w["features"]), np.array(w["mean"]), np.array(w["scale"]), np.array(w["coef"]), w["intercept"]), d

def feats(q):
    c = q["mp"]
    if len(c) == 0:
        return np.zeros((0, 2))
    return np.column_stack([standardised(c), c - c.max()])

def hits_order(qs, key):
    n = t1 = t3 = 0
    for q in qs:
        if not q["y"].any(): continue
        idx = key(q)
        n += 1; t1 += bool(q["y"][idx[0]]); t3 += bool(q["y"][idx[:3]].any())
    return n, t1, t3

keep, prior = 1.5, 2.0
rows = []
for held in data:
    train = [s for s in data if s != held]
    m0, d0 = fitm(train, False)
    m1, d1 = fitm(train, True)
    inc = hits_order(data[held], lambda q: list(range(len(q["y"]))))
    mp_only = hits_order(data[held], lambda q: sorted(range(len(q["y"])), key=lambda i: -q["mp"][i]))
    r0 = hits_order(d0[held], lambda q: list(range(len(q["y"]))) if q["figure"] else order(m0.logits(q["x"], keep, prior)))
    r1 = hits_order(d1[held], lambda q: list(range(len(q["y"]))) if q["figure"] else order(m1.logits(q["x"], keep, prior)))
    r1f = hits_order(d1[held], lambda q: list(range(len(q["y"]))) if q["figure"] else order(m1.logits(q["x"], 0.0, 0.0)))
    r0f = hits_order(d0[held], lambda q: list(range(len(q["y"]))) if q["figure"] else order(m0.logits(q["x"], 0.0, 0.0)))
    rows.append((held, inc, mp_only, r0, r1, r0f, r1f))
print("| held-out set | n | incoming top-1/top-3 | mpnet cosine alone | ranker (shipped prior) | ranker + mpnet (shipped prior) | ranker (no prior) | ranker + mpnet (no prior) |")
print("|---|---|---|---|---|---|---|---|")
tot = [np.zeros(3, int) for _ in range(6)]
for held, *rs in rows:
    for i, r in enumerate(rs): tot[i] += np.array(r)
    print(f"| {held} | {rs[0][0]} | " + " | ".join(f"{r[1]}/{r[2]}" for r in rs) + " |")
print(f"| all | {tot[0][0]} | " + " | ".join(f"{t[1]}/{t[2]}" for t in tot) + " |")
