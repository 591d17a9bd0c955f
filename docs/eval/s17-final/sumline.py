import json, sys
name, path = sys.argv[1], sys.argv[2]
o = json.load(open(path))["overall"]
bk = json.load(open(path)).get("by_kind", {})
def f(x): return "-" if x is None else f"{x:.3f}"
un = o.get("unanswerable_n") or 0
uc = round((o.get("unanswerable_caught") or 0) * un)
cl = o.get("claims_n") or 0
cr = round((o.get("verdict_accuracy") or 0) * cl)
li = bk.get("list", {}); ln = li.get("n", 0); lr = round((li.get("answer_accuracy") or 0) * ln)
print(f"{name:9s} answerable {f(o.get('answerable_accuracy'))} (n{o.get('answerable_n')}) refused {100*(o.get('answerable_refusal_rate') or 0):.1f}% "
      f"unans {uc}/{un} lists {lr}/{ln} short {f(o.get('short_answer_accuracy'))} claims {cr}/{cl} support {f(o.get('items_with_support'))} verbatim {f(o.get('citation_validity'))} mF1 {f(o.get('verdict_macro_f1'))}")
