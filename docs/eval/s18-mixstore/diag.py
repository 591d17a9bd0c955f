"""Retrieval diagnostics: for answerable items, where the gold sentence/article sits on a store."""
import json, sys, re
from qa.engine import Engine
from qa.retrieve import retrieve

store_path, out = sys.argv[1], sys.argv[2]
sets = sys.argv[3].split(",")
eng = Engine(store_path)
st = eng.store
def norm(t): return re.sub(r"\W+", " ", t.lower()).strip()
rows = []
for s in sets:
    for line in open(f"seeds/{s}.jsonl"):
        it = json.loads(line)
        if it.get("kind") not in ("factoid", "list") or not it.get("sources"):
            continue
        q = it["question"]
        found = eng._search(q, None)
        r = found.retrieval
        src = set(it["sources"])
        chunk_docs = [c.doc_id for c, _ in r.chunks]
        first = next((i for i, d in enumerate(chunk_docs) if d in src), None)
        ev = [norm(x) for x in it.get("evidence", [])]
        evr = None
        for i, e in enumerate(r.evidence):
            t = norm(e.sentence.text)
            if any(x[:60] in t or t[:60] in x for x in ev):
                evr = i; break
        nsrc = sum(d in src for d in chunk_docs)
        rows.append(dict(id=it["id"], first_chunk=first, n_src_chunks=nsrc, ev_rank=evr,
                         top_docs=chunk_docs[:5], n_ev=len(r.evidence),
                         ev_src=sum(e.sentence.doc_id in src for e in r.evidence)))
json.dump(rows, open(out, "w"))
print(len(rows))
