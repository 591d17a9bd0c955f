"""Held-out scores of chosen chain variants from a verdict_loso search pickle (``--search``): each held-out group's
right / accuracy / macro-F1, the seed sets pooled, for the previous weights' recipe with one session 19 condition
changed at a time (and any extra settings given as JSON).

    python docs/eval/s19-verdict/variants.py SEARCH.pkl [--base JSON] [--weights FILE]
"""
from __future__ import annotations

import argparse
import json
import pickle
from pathlib import Path

from qa.eval import verdict_loso as L
from qa.eval.verdict_scoring import SEED_SETS, pooled, summary


def row(res, key) -> dict:
    cm, right = res["counts"][key]
    names = res["grid"].names
    out = {n: summary(cm[i], right[i]) for i, n in enumerate(names)}
    out["seed"] = summary(*pooled(cm, right, names, lambda n: n in SEED_SETS))
    out["_conf"] = {n: cm[i].tolist() for i, n in enumerate(names)}
    return out


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("search", type=Path)
    p.add_argument("--weights", type=Path, default=None, help="the previous weights (default: the shipped file)")
    p.add_argument("--base", default="{}", help="Chain/Model changes (JSON) applied to every variant")
    p.add_argument("--variants", default="", help="extra variants: JSON list of Chain field dicts")
    a = p.parse_args()
    import __main__

    __main__.Model, __main__.Chain = L.Model, L.Chain  # the pickle of a ``python -m qa.eval.verdict_loso`` run
    res = pickle.loads(a.search.read_bytes())
    m, c = L.before_key(a.weights)
    base = json.loads(a.base)
    mf = {k: v for k, v in base.items() if k in L.Model._fields}
    m, c = m._replace(**mf), c._replace(**{k: v for k, v in base.items() if k not in L.Model._fields})
    variants = [{}] + [{"refute": r} for r in L.REFUTE_GRID[1:]]
    variants += [{"conflicting": f, "model_conf": mc} for f in (0.5, 0.35) for mc in L.MODEL_CONF_GRID]
    variants += [{"sources": False}, {"articles": True}]
    variants += [{"refute": "always", "conflicting": 0.5, "model_conf": mc} for mc in L.MODEL_CONF_GRID]
    variants += json.loads(a.variants) if a.variants else []
    names = res["grid"].names
    cols = [n for n in names if n not in SEED_SETS]
    print("| variant | " + " | ".join(["seed right / F1", *[f"{n} right / acc / F1" for n in cols]]) + " |")
    print("|---" * (2 + len(cols)) + "|")
    for v in variants:
        key = (m, c._replace(**v))
        if key not in res["counts"]:
            print(f"| {v} | not in the search |")
            continue
        r = row(res, key)
        cells = [f"{r['seed']['right']} / {r['seed']['macro_f1']:.3f}"]
        cells += [f"{r[n]['right']} / {r[n]['accuracy']:.3f} / {r[n]['macro_f1']:.3f}" for n in cols]
        print(f"| {json.dumps(v) if v else 'previous recipe'} | " + " | ".join(cells) + " |")
    print("\nper seed set (right) for the same variants:")
    print("| variant | " + " | ".join(n for n in names if n in SEED_SETS) + " |")
    print("|---" * (1 + sum(n in SEED_SETS for n in names)) + "|")
    for v in variants:
        key = (m, c._replace(**v))
        if key in res["counts"]:
            r = row(res, key)
            print(f"| {json.dumps(v) if v else 'previous recipe'} | "
                  + " | ".join(str(r[n]["right"]) for n in names if n in SEED_SETS) + " |")


if __name__ == "__main__":
    main()
