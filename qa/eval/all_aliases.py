"""Multi-part items of a gold set (``all_aliases``: the answer must hold every alias) judged on two runs'
predictions: how many have a right answer and a right short answer in each, and which items each run
gets right that the other does not (``factqa eval --out`` writes ``predictions.jsonl``).

    python -m qa.eval.all_aliases --gold seeds/gold_v9.jsonl --base B/predictions.jsonl --new N/predictions.jsonl
    python -m qa.eval.all_aliases --gold seeds/gold_v9.jsonl --splits   # each question qa.parts splits, and how
"""
from __future__ import annotations

import argparse
from pathlib import Path

from qa.eval.bench.common import read_jsonl
from qa.eval.metrics import alias_match, gold_aliases


def judged(gold: list[dict], preds: dict[str, dict]) -> dict[str, tuple[bool, bool]]:
    """(answer right, short answer right) of each answerable ``all_aliases`` item."""
    out = {}
    for item in gold:
        if item.get("kind") not in ("factoid", "list") or not item.get("all_aliases"):
            continue
        p = preds.get(item["id"], {})
        ok = bool(p.get("answerable"))
        aliases = gold_aliases(item)
        out[item["id"]] = (ok and alias_match(p.get("answer") or "", aliases, True),
                           ok and alias_match(p.get("short_answer") or "", aliases, True))
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", required=True)
    ap.add_argument("--base", help="predictions.jsonl of the base run")
    ap.add_argument("--new", help="predictions.jsonl of the new run")
    ap.add_argument("--splits", action="store_true", help="print the parts of every question qa.parts splits")
    a = ap.parse_args(argv)
    gold = list(read_jsonl(Path(a.gold)))
    if a.splits:
        _splits(gold)
        return
    if not (a.base and a.new):
        ap.error("--base and --new are needed (or --splits)")
    base = judged(gold, {p["id"]: p for p in read_jsonl(Path(a.base))})
    new = judged(gold, {p["id"]: p for p in read_jsonl(Path(a.new))})
    n = len(base)
    print(f"all_aliases items: {n}; answer right {sum(v[0] for v in base.values())} -> "
          f"{sum(v[0] for v in new.values())}; short right {sum(v[1] for v in base.values())} -> "
          f"{sum(v[1] for v in new.values())}")
    for k in base:
        if base[k] != new[k]:
            print(f"  {k}: answer/short {int(base[k][0])}{int(base[k][1])} -> {int(new[k][0])}{int(new[k][1])}")
    same, changed = _unsplit_same(gold, Path(a.base), Path(a.new))
    print(f"questions qa.parts does not split: {same + len(changed)}; prediction changed (timings aside): "
          f"{len(changed)}{' ' + ' '.join(changed) if changed else ''}")


def _unsplit_same(gold: list[dict], base: Path, new: Path) -> tuple[int, list[str]]:
    """How many non-claim questions that ``qa.parts`` leaves whole have the same prediction in both runs
    (timings left out), and the ids of those that do not."""
    from qa.parse import question_doc
    from qa.parts import decompose

    def load(path: Path) -> dict[str, dict]:
        return {p["id"]: {k: v for k, v in p.items() if k not in ("timings_ms", "latency_ms")} for p in read_jsonl(path)}

    a, b = load(base), load(new)
    same, changed = 0, []
    for item in gold:
        if item.get("kind") == "claim" or decompose(question_doc(item["question"])) is not None:
            continue
        if a.get(item["id"]) == b.get(item["id"]):
            same += 1
        else:
            changed.append(item["id"])
    return same, changed


def _splits(gold: list[dict]) -> None:
    from qa.parse import question_doc
    from qa.parts import decompose

    for item in gold:
        if item.get("kind") == "claim":
            continue
        parts = decompose(question_doc(item["question"]))
        if parts is not None:
            shown = " | ".join(p.text + (f" [{p.label}]" if p.label else "") for p in parts.parts)
            print(f"{item['id']} all_aliases={int(bool(item.get('all_aliases')))} {parts.relation.value}: "
                  f"{item['question']} => {shown}")


if __name__ == "__main__":
    main()
