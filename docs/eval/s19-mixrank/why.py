"""Per dev item whose source article has no chunk among the handed 12 on the mixed store (base run of diag.py): the
question's names (qa.retrieve.named_words), the share of them the source and the first three handed articles hold
(name_coverage) and their article BM25 z-scores.  python docs/eval/s19-mixrank/why.py STORE  (reads /tmp/mixrank/dmix.json)"""
import json, sys, numpy as np
from qa.engine import Engine
from qa.retrieve import named_words, name_coverage, standardised
from qa.question_frames import question_doc
eng = Engine(sys.argv[1]); st = eng.store
d = json.load(open("/tmp/mixrank/dmix.json"))["base"]
items = {}
for s in "gold_v3 gold_v4 gold_v5 gold_v6 gold_v7".split():
    for l in open(f"seeds/{s}.jsonl"):
        it = json.loads(l); items[it["id"]] = it
ids = st.layout.doc_ids
for r in d:
    if "first_chunk" not in r or r["first_chunk"] is not None: continue
    it = items[r["id"]]; q = it["question"]
    f = eng._search(q, None)
    nw = named_words(question_doc(f.query))
    cov = name_coverage(st, nw)
    bm = standardised(st.article_lexical_scores(f.retrieval.query))
    src = [ids.index(s) for s in it["sources"]]
    top = f.retrieval.doc_ranking[:3]
    ti = [ids.index(t) for t in top]
    fmt = lambda a: None if a is None else [round(float(a[i]), 2) for i in a_idx]
    print(r["id"], q[:90])
    print("   names", nw, "| src cov", [round(float(cov[i]),2) for i in src] if cov is not None else None, "z", [round(float(bm[i]),1) for i in src],
          "| top cov", [round(float(cov[i]),2) for i in ti] if cov is not None else None, "z", [round(float(bm[i]),1) for i in ti], [st.articles[t].title[:40] for t in top[:2]])
