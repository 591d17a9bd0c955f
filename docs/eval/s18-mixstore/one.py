import sys, numpy as np
from qa.engine import Engine
from qa.retrieve import rank_chunks, standardised
from qa.config import RETRIEVAL
eng = Engine(sys.argv[1]); st = eng.store
q = sys.argv[2]; src = sys.argv[3]
f = eng._search(q, None); r = f.retrieval
print("query:", r.query, "| content:", f.query)
for c, s in r.chunks[:6]:
    print(round(s,3), c.doc_id[:18], c.text[:100].replace("\n"," "))
qv = r.query_vector
ranked, sims = rank_chunks(st, qv, r.query, RETRIEVAL)
for i,(ci,s) in enumerate(ranked):
    if st.chunks[ci].doc_id == src:
        print("first src chunk rank", i, round(s,3), st.chunks[ci].text[:100]); break
else: print("src not in candidates", len(ranked))
