"""usage: short.py DIR sets: per setting, short-answer right (answerable) and the items that changed vs default."""
import json, sys, glob, os
from qa.eval.metrics import judge
d, sets = sys.argv[1], sys.argv[2].split(",")
gold = {}
for s in sets:
    for l in open(f"/work/wt-nospan/seeds/{s}.jsonl"):
        g = json.loads(l); gold[g["id"]] = g
res = {}
for sd in sorted(glob.glob(d + "/*")):
    name = os.path.basename(sd); res[name] = {}
    for s in sets:
        for l in open(f"{sd}/{s}.jsonl"):
            p = json.loads(l); g = gold[p["id"]]
            if g["kind"] == "claim": continue
            j = judge(g, p, None)
            res[name][p["id"]] = (j.get("short_correct"), j.get("answer_correct"), p.get("short_answer"), p.get("answerable"))
for name, r in res.items():
    print(name, "short right", sum(1 for v in r.values() if v[0]), "answer right", sum(1 for v in r.values() if v[1]))
    if name != "default":
        for k, v in r.items():
            b = res["default"][k]
            if v != b:
                print("   ", k, gold[k]["kind"], repr(b[2])[:50], b[:2], "->", repr(v[2])[:50], v[:2])
