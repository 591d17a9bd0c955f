"""Per-set held-out table of docs/eval/s19-mixrefuse.md from the rows collect.sh writes.

    python docs/eval/s19-mixrefuse/table.py /tmp/mixrefuse
"""
import sys
from pathlib import Path

from qa.eval import refusal_loso as R

d = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/mixrefuse")
rows = [r for n in ("mixed", "seed", "rtqa") for r in R.load(d / f"rows-{n}.jsonl")]
pols = {"rules (shipped)": R.per_set(rows, [R.fired(r) is not None for r in rows])}
for label, mode, feats, w in (("model replace, s17 signals", "replace", "signals + s17", 0.0),
                              ("model replace, + store-aware", "replace", "signals + s17 + store", 0.0),
                              ("relax, s17 signals, wrong-cost 1", "relax", "signals + s17", 1.0),
                              ("relax, + store-aware, wrong-cost 1", "relax", "signals + s17 + store", 1.0)):
    pols[label] = R.learned(rows, 0.3, R.FEATURE_SETS[feats], mode, w)[0]
cols = list(pols["rules (shipped)"])


def cell(s):
    n = s["right"] + s["wrong"] + s["refused"]
    return f"{s['right']}/{n}, {100 * s['refused'] / max(1, n):.1f}%, {s['caught']}/{s['caught'] + s['answered']}"


print("| set (held out) | " + " | ".join(pols) + " |\n|---|" + "---|" * len(pols))
for c in cols:
    print(f"| {c} | " + " | ".join(cell(p[c]) for p in pols.values()) + " |")
for st in ("mixed", "seed", "rtqa-tune"):
    print(f"| **sum {st}** | " + " | ".join(cell(R.per_store(p)[st]) for p in pols.values()) + " |")
