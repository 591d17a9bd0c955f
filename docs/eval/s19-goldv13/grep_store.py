"""grep the whole judge store (5 seed articles + the 765 RealTimeQA tune-week articles) for a regex.

Used while writing seeds/gold_v13.jsonl to check that a hard-unanswerable item is not answered by any other
article of the store, and that an answerable news question names its subject well enough to have one answer.
Reads only text (qa.eval.gold_corpus), never runs the engine.

    PYTHONPATH=. python docs/eval/s19-goldv13/grep_store.py 'Monastyrsk' ['second regex' ...] [--width 160]
Every regex must match in the same article (case-insensitive); prints each hit with context.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

from qa.eval.gold_corpus import realtimeqa_articles

SEEDS = Path(__file__).resolve().parents[3] / "seeds"


def store() -> dict[str, tuple[str, str]]:
    out = {p.stem: ("seed", p.read_text(encoding="utf-8")) for p in sorted(SEEDS.glob("*.txt"))}
    for doc_id, rec in realtimeqa_articles("tune").items():
        out[doc_id] = (rec["title"][:70], rec["text"])
    return out


def main(argv: list[str]) -> None:
    width = 160
    if "--width" in argv:
        i = argv.index("--width")
        width = int(argv[i + 1])
        argv = argv[:i] + argv[i + 2:]
    pats = [re.compile(p, re.I) for p in argv]
    for doc_id, (title, text) in store().items():
        if not all(p.search(text) for p in pats):
            continue
        print(f"== {doc_id} | {title}")
        for m in list(pats[0].finditer(text))[:6]:
            s = text[max(0, m.start() - width):m.end() + width].replace("\n", " ")
            print("   ...", s, "...")


if __name__ == "__main__":
    main(sys.argv[1:])
