"""Gold verdict x predicted verdict over the claim items of seed gold sets, from ``ui.cli eval`` outputs.

    python -m qa.eval.claims_confusion --gold seeds/gold_v3.jsonl,seeds/gold_v4.jsonl --runs /tmp/sum-TAG-{set}

``--runs`` is a folder pattern with ``{set}`` replaced by each gold file's stem (``gold_v3``); each folder holds
the ``predictions.jsonl`` of ``python -m ui.cli eval --gold <file> --out <folder>``. A prediction is right when it
is the gold verdict or one of the item's ``accept`` verdicts (as ``qa.eval.evaluate`` counts it). Prints a
markdown table (rows gold, columns predicted) and the right count; ``--moved OTHER`` also lists the claims
whose verdict differs from another run pattern's, marked won / lost.
"""
from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

LABELS = ("supported", "refuted", "conflicting", "not_enough_evidence")


def load(gold_files: list[Path], runs: str) -> dict[str, tuple[str, set[str], str, str]]:
    """Claim id -> (set, accepted verdicts, predicted verdict, claim text)."""
    out = {}
    for g in gold_files:
        items = {d["id"]: d for d in map(json.loads, g.read_text(encoding="utf-8").splitlines()) if d.get("kind") == "claim"}
        for line in Path(runs.format(set=g.stem), "predictions.jsonl").read_text(encoding="utf-8").splitlines():
            p = json.loads(line)
            if p["id"] in items:
                it = items[p["id"]]
                out[p["id"]] = (g.stem, {it["verdict"], *(it.get("accept") or [])}, p["verdict"], it["question"])
    return out


def table(rows: dict[str, tuple[str, set[str], str, str]], gold_files: list[Path]) -> str:
    gold = {d["id"]: d["verdict"] for g in gold_files for d in map(json.loads, g.read_text(encoding="utf-8").splitlines())
            if d.get("kind") == "claim"}
    cm = Counter((gold[i], r[2]) for i, r in rows.items())
    lines = ["| gold \\ predicted | " + " | ".join(LABELS) + " |", "|---" * (len(LABELS) + 1) + "|"]
    lines += [f"| {a} | " + " | ".join(str(cm[(a, b)]) for b in LABELS) + " |" for a in LABELS]
    right = sum(r[2] in r[1] for r in rows.values())
    return "\n".join(lines) + f"\n\nright (gold or accepted verdict): {right} / {len(rows)}"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m qa.eval.claims_confusion", description=__doc__.split("\n\n")[0])
    p.add_argument("--gold", required=True, help="comma-separated seed gold files")
    p.add_argument("--runs", required=True, help="eval output folder pattern with {set}")
    p.add_argument("--moved", default=None, help="another run pattern: list the claims whose verdict differs")
    a = p.parse_args(argv)
    files = [Path(f) for f in a.gold.split(",")]
    rows = load(files, a.runs)
    print(table(rows, files))
    if a.moved:
        other = load(files, a.moved)
        for i, (s, ok, pred, text) in rows.items():
            before = other[i][2]
            if before != pred:
                mark = "won" if pred in ok and before not in ok else "lost" if before in ok and pred not in ok else "wrong->wrong"
                print(f"- {s} {i} ({'|'.join(sorted(ok))}): {before} -> {pred}, {mark}: {text}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
