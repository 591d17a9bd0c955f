import sys, json
from qa.engine import Engine
eng = Engine(sys.argv[1]); sp = eng.speller
for s in sys.argv[2].split(","):
    for line in open(f"seeds/{s}.jsonl"):
        it = json.loads(line)
        q = it.get("question") or it.get("claim") or ""
        cs = sp.corrections(q)
        if cs: print(it["id"], it["kind"], [(c.written, c.corrected) for c in cs])
