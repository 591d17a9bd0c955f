"""List the unanswerable items an evaluation answered, with what it cited (the error study of issue 10).

    python -m ui.cli eval --gold seeds/gold_v7.jsonl --store STORE --out OUT --quiet
    python -m qa.eval.unanswered --gold seeds/gold_v7.jsonl --predictions OUT/predictions.jsonl

Prints, per answered unanswerable item: its id and style, the question, the gold note (why it is not
answerable), the short answer given and the first two cited sentences with their scores. Read tune sets
(gold.jsonl, gold_v3..gold_v9; v9 became a tune set after its two runs in session 15) only; never the unseen
judge being written (``UNSEEN``: gold_v14.jsonl, the next session's).
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

UNSEEN = "gold_v14"  # the next unseen gold set (a helper writes it; nobody else reads it until it is run)


def answered_unanswerables(gold: Path, predictions: Path) -> list[tuple[dict, dict]]:
    """(gold item, prediction) for every unanswerable gold item the predictions answer."""
    items = {d["id"]: d for d in (json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines()
                                  if line.strip())}
    out = []
    for line in predictions.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        p = json.loads(line)
        g = items.get(p.get("id"))
        if g is not None and g.get("kind") == "unanswerable" and p.get("answerable"):
            out.append((g, p))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, required=True)
    ap.add_argument("--predictions", type=Path, required=True)
    a = ap.parse_args(argv)
    if a.gold.stem == UNSEEN:
        ap.error(f"{UNSEEN} is the unseen judge: not read here")
    rows = answered_unanswerables(a.gold, a.predictions)
    for g, p in rows:
        print(f"== {g['id']} [{g.get('style') or '-'}] {g['question']}")
        print(f"   gold: {g.get('answer', '')[:200]}")
        print(f"   short: {p.get('short_answer')}")
        for c in p.get("citations", [])[:2]:
            print(f"   [{c['n']}] {c.get('score')} {c['quote'][:240]}")
    print(f"{len(rows)} unanswerable items answered")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
