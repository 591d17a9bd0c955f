"""Which optional or narrow mechanisms fire on a gold set, and what turning one on changes.

    python -m qa.eval.mechanism_fires --gold seeds/gold_vN.jsonl --store STORE [--jsonl OUT]

For every non-claim item: does ``qa.inventory`` answer it (``compose_inventory`` returns a list), does
``qa.doers.asked_doer`` read a doer question from it; then the item is asked three times — the hand order
(``RankConfig.enabled`` off), the learned ranker on, the refusal model on (``Config.refusal_model``, ranker as shipped)
— and judged with ``qa.eval.metrics.judge``. Prints the counts; ``--jsonl`` writes one row per item.
"""
from __future__ import annotations

import argparse
import json
from dataclasses import replace
from pathlib import Path

from qa.eval.bench.common import read_jsonl
from qa.eval.metrics import judge


def _jsonl(path: Path) -> list[dict]:
    return list(read_jsonl(Path(path)))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, required=True)
    ap.add_argument("--store", required=True)
    ap.add_argument("--jsonl", type=Path)
    args = ap.parse_args(argv)

    import qa.answer as answer_mod
    import qa.spans as spans_mod
    from qa.config import DEFAULT, RANK
    from qa.engine import Engine

    fired: dict[str, bool] = {}
    inv, doer = answer_mod.compose_inventory, spans_mod.asked_doer

    def inv_spy(*a, **k):
        out = inv(*a, **k)
        fired["inventory"] = fired.get("inventory", False) or out is not None
        return out

    def doer_spy(q):
        out = doer(q)
        fired["doers"] = fired.get("doers", False) or out is not None
        return out

    answer_mod.compose_inventory, spans_mod.asked_doer = inv_spy, doer_spy
    plain, refusing = Engine(args.store), Engine(args.store, config=replace(DEFAULT, refusal_model=True))
    kw = answer_mod.compose_ask.__kwdefaults__
    rows = []
    for item in _jsonl(args.gold):
        if item["kind"] == "claim":
            continue
        fired.clear()
        kw["rank_cfg"] = replace(RANK, enabled=False)  # the hand order (the ranker is on by default since s16)
        try:
            base = plain.ask(item["question"]).to_dict()
        finally:
            kw["rank_cfg"] = RANK
        row = {"id": item["id"], "style": item.get("style", ""), "kind": item["kind"],
               "inventory": fired.get("inventory", False), "doers": fired.get("doers", False),
               "base": judge(item, base, None)["answer_correct"], "base_answered": bool(base["answerable"])}
        kw["rank_cfg"] = replace(RANK, enabled=True)
        try:
            ranked = plain.ask(item["question"]).to_dict()
        finally:
            kw["rank_cfg"] = RANK
        row["ranker"] = judge(item, ranked, None)["answer_correct"]
        first = [c["quote"] for c in base["citations"][:1]]
        row["ranker_moved"] = [c["quote"] for c in ranked["citations"][:1]] != first
        ref = refusing.ask(item["question"]).to_dict()
        row["refusal_model"] = judge(item, ref, None)["answer_correct"]
        row["refusal_model_answered"] = bool(ref["answerable"])
        rows.append(row)
    if args.jsonl:
        args.jsonl.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    ans = [r for r in rows if r["kind"] != "unanswerable"]
    una = [r for r in rows if r["kind"] == "unanswerable"]
    print(f"items {len(rows)} (answerable {len(ans)}, unanswerable {len(una)})")
    for key in ("inventory", "doers"):
        hit = [r for r in rows if r[key]]
        print(f"{key} fired on {len(hit)}: correct {sum(r['base'] for r in hit)} "
              f"({', '.join(r['id'] for r in hit)})")
    for key in ("base", "ranker", "refusal_model"):
        print(f"{key}: answerable correct {sum(r[key] for r in ans)}/{len(ans)}, "
              f"unanswerable caught {sum(r[key] for r in una)}/{len(una)}")
    moved = [r for r in rows if r["ranker_moved"]]
    print(f"ranker changed the first citation on {len(moved)}: "
          + ", ".join(f"{r['id']} {int(r['base'])}->{int(r['ranker'])}" for r in moved))
    gained = [r for r in rows if r["ranker"] != r["base"]]
    print("ranker changed correctness: " + ", ".join(f"{r['id']} {int(r['base'])}->{int(r['ranker'])}" for r in gained))
    flips = [r for r in rows if r["refusal_model"] != r["base"]]
    print("refusal model flips: " + ", ".join(f"{r['id']} {int(r['base'])}->{int(r['refusal_model'])}" for r in flips))
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
