import json, sys, numpy as np
from qa.engine import Engine
from qa.retrieve import standardised
eng = Engine(sys.argv[1]); st = eng.store
ids = set(sys.argv[2].split(","))
for s in ["gold_v3","gold_v4","gold_v5"]:
    for line in open(f"seeds/{s}.jsonl"):
        it = json.loads(line)
        if it["id"] not in ids: continue
        bm = st.article_lexical_scores(it["question"]); z = standardised(bm)
        docs = st.layout.doc_ids
        order = np.argsort(-bm)[:4]
        src = [docs.index(d) for d in it["sources"] if d in docs]
        print(it["id"], it["question"][:90])
        print("  top", [(docs[i][:16], round(float(bm[i]),2), round(float(z[i]),1)) for i in order])
        print("  src", [(docs[i][:16], round(float(bm[i]),2), round(float(z[i]),1)) for i in src])
