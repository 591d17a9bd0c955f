"""Short answers that miss while the full answer is right, sorted by where the gold alias is: in the
cited sentence the short answer was taken from (the wrong span of it), in another cited sentence
(the span came from the wrong sentence), or only outside the quotes (lists, compound questions).

    python -m qa.eval.short_misses --gold seeds/gold_v4.jsonl --pred /tmp/run-v4/predictions.jsonl [...]

``--gold`` and ``--pred`` are given in pairs (one per set). Prints one line per miss (id, expected answer
type, where, whether the short answer is the whole sentence) and the counts. Tune sets only.
"""
from __future__ import annotations

import argparse
import collections
import json
import sys
from pathlib import Path

from qa.eval.bench.common import read_jsonl


def _jsonl(path: Path) -> list[dict]:
    return list(read_jsonl(Path(path)))


def misses(gold: list[dict], preds: list[dict]) -> list[tuple[str, str, str, bool]]:
    """(id, answer type, where the alias is, short answer is the whole sentence) per miss."""
    from qa.eval.metrics import alias_match, gold_aliases
    from qa.question_frames import question_frame

    by_id = {g["id"]: g for g in gold}
    out = []
    for p in preds:
        g = by_id.get(p.get("id"))
        if g is None or g["kind"] in ("claim", "unanswerable") or not p.get("answerable"):
            continue
        aliases, every = gold_aliases(g), g.get("all_aliases", False)
        if not alias_match(p.get("answer") or "", aliases, every) or alias_match(p.get("short_answer") or "", aliases, every):
            continue
        cits = p.get("citations") or []
        n = (p.get("short_answer_span") or {}).get("citation", 1)
        quote = cits[n - 1]["quote"] if 0 < n <= len(cits) else ""
        where = "same-sentence" if alias_match(quote, aliases, every) else (
            "other-sentence" if any(alias_match(c.get("quote") or "", aliases, every) for c in cits) else "outside-quotes")
        out.append((g["id"], question_frame(p["question"]).answer_type.name, where, (p.get("short_answer") or "") == quote))
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m qa.eval.short_misses", description=__doc__.split("\n\n")[0])
    p.add_argument("--gold", type=Path, action="append", required=True)
    p.add_argument("--pred", type=Path, action="append", required=True)
    a = p.parse_args(argv)
    if len(a.gold) != len(a.pred):
        p.error("give --gold and --pred in pairs")
    counts: collections.Counter = collections.Counter()
    for gold, pred in zip(a.gold, a.pred):
        for item in misses(_jsonl(gold), _jsonl(pred)):
            print(*item, sep="\t")
            counts[item[2]] += 1
    print(json.dumps(dict(counts)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
