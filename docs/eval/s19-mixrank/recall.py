"""Article recall of retrieval (recall@1/3/10 and MRR@10 of Retrieval.doc_ranking against the items' sources), for
several RetrievalConfig overrides in one run, through Engine._search (the engine's own query, its parse for the
question's names).

    OVS='{"base":{}, "cov":{"name_cover_weight":0.1}}' python docs/eval/s19-mixrank/recall.py STORE GOLD.jsonl [N]
"""
import json, os, sys
from dataclasses import replace

import qa.retrieve as R
from qa.config import RETRIEVAL
from qa.engine import Engine

store_path, gold_path = sys.argv[1], sys.argv[2]
limit = int(sys.argv[3]) if len(sys.argv) > 3 else None
ovs = json.loads(os.environ.get("OVS", '{"base": {}}'))
items = [json.loads(line) for line in open(gold_path) if line.strip()]
items = [g for g in items if g.get("sources")][:limit]
eng = Engine(store_path)
for name, ov in ovs.items():
    R.retrieve.__kwdefaults__["cfg"] = replace(RETRIEVAL, **ov)
    hits = {1: 0, 3: 0, 10: 0}
    rr = 0.0
    for g in items:
        docs = eng._search(g.get("question") or g.get("claim"), None).retrieval.doc_ranking
        for rank, d in enumerate(docs[:10], start=1):
            if d in set(g["sources"]):
                rr += 1 / rank
                for k in hits:
                    hits[k] += rank <= k
                break
    n = len(items)
    print(name, "n", n, " ".join(f"r@{k} {v / n:.3f}" for k, v in hits.items()), f"mrr@10 {rr / n:.3f}", flush=True)
