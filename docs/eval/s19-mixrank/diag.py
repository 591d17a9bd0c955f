"""Retrieval diagnostic on a store, with a RetrievalConfig override: for every answerable / list item of the sets,
the place of the first chunk of a source article among the handed chunks and of the gold sentence among the
candidate sentences (session 18's docs/eval/s18-mixstore/diag2.py, with several overrides in one run); and for every
question of the sets (claims aside: ``Engine.check`` reads no names), a signature of what retrieval hands the answer
core (chunks and candidate sentences with their scores): a question whose signature is the same under two settings
is answered the same, so only the others need answering again (--changed writes them as a gold file).

    OVS='{"base":{}, "cov":{"name_cover_weight":0.1}}' python docs/eval/s19-mixrank/diag.py STORE OUT.json gold_v3,gold_v4 [CHANGED_PREFIX]
"""
import hashlib, json, os, re, sys
from dataclasses import replace

import qa.retrieve as R
from qa.config import RETRIEVAL
from qa.engine import Engine

store_path, out, sets = sys.argv[1], sys.argv[2], sys.argv[3].split(",")
ovs = json.loads(os.environ.get("OVS", '{"base": {}}'))
eng = Engine(store_path)


def norm(t):
    return re.sub(r"\W+", " ", t.lower()).strip()


items = []
for s in sets:
    for line in open(f"seeds/{s}.jsonl"):
        it = json.loads(line)
        if it.get("kind") != "claim":
            items.append(it)
res = {}
for name, ov in ovs.items():
    R.retrieve.__kwdefaults__["cfg"] = replace(RETRIEVAL, **ov)
    rows = []
    for it in items:
        r = eng._search(it["question"], None).retrieval
        sig = hashlib.sha1(repr(([c.id for c, _ in r.chunks], [(e.row, round(e.score, 6)) for e in r.evidence])
                                ).encode()).hexdigest()[:12]
        if not (it.get("kind") in ("factoid", "list") and it.get("sources")):
            rows.append(dict(id=it["id"], sig=sig))
            continue
        src = set(it["sources"])
        docs = [c.doc_id for c, _ in r.chunks]
        first = next((i for i, d in enumerate(docs) if d in src), None)
        ev = [norm(x) for x in it.get("evidence", [])]
        evr = next((i for i, e in enumerate(r.evidence)
                    if any(x[:60] in norm(e.sentence.text) or norm(e.sentence.text)[:60] in x for x in ev)), None)
        rows.append(dict(id=it["id"], first_chunk=first, ev_rank=evr, sig=sig))
    res[name] = rows
    base = res[next(iter(res))]
    changed = [a["id"] for a, b in zip(base, rows) if a["sig"] != b["sig"]]
    rows = [r for r in rows if "first_chunk" in r]
    n = len(rows)
    print(name, "items", n, "src handed", sum(r["first_chunk"] is not None for r in rows),
          "src first", sum(r["first_chunk"] == 0 for r in rows),
          "gold cand", sum(r["ev_rank"] is not None for r in rows),
          "gold top5", sum(r["ev_rank"] is not None and r["ev_rank"] < 5 for r in rows),
          "gold top15", sum(r["ev_rank"] is not None and r["ev_rank"] < 15 for r in rows),
          "questions changed", len(changed), flush=True)
json.dump(res, open(out, "w"))
if len(sys.argv) > 4:  # --changed PREFIX: per setting, the questions whose retrieval differs from the first setting's
    byid = {it["id"]: it for it in items}
    first = {r["id"]: r["sig"] for r in res[next(iter(res))]}
    for name, rows in list(res.items())[1:]:
        with open(f"{sys.argv[4]}-{name}.jsonl", "w") as fh:
            for r in rows:
                if r["sig"] != first[r["id"]]:
                    fh.write(json.dumps(byid[r["id"]]) + "\n")
