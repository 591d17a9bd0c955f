import sys, json
from dataclasses import replace
from qa.engine import Engine
from qa.spelling import Speller
eng = Engine(sys.argv[1]); sp = eng.speller
sp.derived = False
sp2 = sp
for s in sys.argv[2].split(","):
    for line in open(s if "/" in s else f"seeds/{s}.jsonl"):
        it = json.loads(line)
        q = it.get("question") or it.get("claim") or ""
        sp.derived = False; a = sp.correct(q)
        sp.derived = True; b = sp.correct(q)
        if a != b: print(it["id"], it["kind"], [(c.written, c.corrected) for c in (sp.__class__.corrections(sp, q) if False else [])], "|", a, "=>", b)
