"""Items whose judgement changed between two ``factqa eval`` runs of the same gold file.

    python -m qa.eval.pred_diff --gold seeds/gold_v9.jsonl --before DIR_A --after DIR_B

``DIR_A``/``DIR_B`` are ``factqa eval --out`` folders (their ``predictions.jsonl``); every item whose answer,
short answer or verdict went from right to wrong or back is printed (``qa.eval.metrics.judge``), with a
count of gains and losses."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from qa.eval.bench.common import read_jsonl
from qa.eval.metrics import judge

KEYS = ("answer_correct", "verdict_correct", "short_correct")


def changes(gold: list[dict], before: dict[str, dict], after: dict[str, dict]) -> list[tuple[str, str, bool, str]]:
    """(id, judged key, right after, question) for every item whose judgement differs."""
    out = []
    for item in gold:
        a, b = judge(item, before.get(item["id"]), None), judge(item, after.get(item["id"]), None)
        out += [(item["id"], k, bool(b[k]), item["question"]) for k in KEYS if k in a and a[k] != b.get(k)]
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m qa.eval.pred_diff", description=__doc__.split("\n\n")[0])
    p.add_argument("--gold", required=True, type=Path)
    p.add_argument("--before", required=True, type=Path, help="factqa eval --out folder")
    p.add_argument("--after", required=True, type=Path, help="factqa eval --out folder")
    a = p.parse_args(argv)
    gold = list(read_jsonl(a.gold))
    before = {r["id"]: r for r in read_jsonl(a.before / "predictions.jsonl")}
    after = {r["id"]: r for r in read_jsonl(a.after / "predictions.jsonl")}
    rows = changes(gold, before, after)
    for i, key, now, q in rows:
        print(f"{i}\t{key}\t{'gained' if now else 'lost'}\t{q[:110]}")
    gained = sum(now for *_, now, _ in rows)
    print(f"{a.gold.name}: {gained} gained, {len(rows) - gained} lost")
    return 0


if __name__ == "__main__":
    sys.exit(main())
