import json, sys, re, numpy as np, os
from dataclasses import replace
import qa.retrieve as R
from qa.config import RETRIEVAL
from qa.engine import Engine
ov = json.loads(os.environ.get("OV", "{}"))
cfg = replace(RETRIEVAL, **ov); R.retrieve.__kwdefaults__["cfg"] = cfg
eng = Engine(sys.argv[1]); st = eng.store
ids = set(sys.argv[2].split(","))
def norm(t): return re.sub(r"\W+", " ", t.lower()).strip()
for s in ["gold_v3","gold_v4","gold_v5","gold_v6","gold_v7"]:
    for line in open(f"seeds/{s}.jsonl"):
        it = json.loads(line)
        if it["id"] not in ids: continue
        f = eng._search(it["question"], None); r = f.retrieval
        ev = [norm(x) for x in it["evidence"]]
        rows = [i for i, x in enumerate(st.sentences) if it["sources"][0] == x.doc_id and any(e[:60] in norm(x.text) or norm(x.text)[:60] in e for e in ev)]
        qv = r.query_vector; qt = R.query_terms(r.query)
        print(it["id"], it["question"][:80], "| 40th", round(r.evidence[-1].score,3), "1st", round(r.evidence[0].score,3), r.evidence[0].sentence.doc_id[:12])
        for row in rows[:2]:
            d = float(st.sentence_vectors[row] @ qv); lex = len(qt & st.sentence_terms(row))/len(qt)
            cr = [i for i,(c,_) in enumerate(r.chunks) if row in st.sentences_in_chunk(c)]
            print("   gold row", row, "dense", round(d,3), "lex", round(lex,2), "score~", round(0.7*d+0.3*lex,3), "chunk ranks", cr[:3], "in ev", any(e.row==row for e in r.evidence))
