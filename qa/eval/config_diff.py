"""Which gold items change between two answer-core settings: one line per item whose answer_correct differs.

    python -m qa.eval.config_diff --store STORE --set typed_bonus=0 seeds/gold_v3.jsonl seeds/gold_v4.jsonl

Asks every non-claim item with the default ``qa.config.Config`` and with the ``--set`` changes (one
warm engine's store, words and frames shared), judges both with ``qa.eval.metrics.judge`` and prints
the items where they differ, then per file the totals right under each. Tune sets only for choosing.
"""
from __future__ import annotations

import argparse
import json
import sys


def main(argv: list[str] | None = None) -> int:
    from index.offline import set_defaults

    set_defaults()
    p = argparse.ArgumentParser(prog="python -m qa.eval.config_diff", description=__doc__.split("\n\n")[0])
    p.add_argument("--store", required=True)
    p.add_argument("--set", action="append", default=[], help="NAME=VALUE (a Config field) for the other setting; repeatable")
    p.add_argument("gold", nargs="+")
    a = p.parse_args(argv)
    from qa.config import Config
    from qa.engine import Engine
    from qa.eval.metrics import judge
    from qa.eval.rtqa_grid import grid

    other = grid([f"{s}" for s in a.set])[0]
    default = Engine(a.store).warm()
    changed = Engine(a.store, config=Config().with_(**other))
    changed._store, changed._words, changed._names, changed._frames = \
        default._store, default._words, default._names, default._frames
    for path in a.gold:
        right = [0, 0]
        n = 0
        for line in open(path, encoding="utf-8"):
            if not line.strip():
                continue
            g = json.loads(line)
            if g["kind"] == "claim":
                continue
            n += 1
            d, c = default.ask(g["question"]).to_dict(), changed.ask(g["question"]).to_dict()
            jd, jc = judge(g, d, None)["answer_correct"], judge(g, c, None)["answer_correct"]
            right[0] += jd
            right[1] += jc
            if jd != jc:
                print(f"{path} {g['id']} default {jd} {other} {jc} | {g['question']}")
        print(f"{path}: default {right[0]}/{n}, {other} {right[1]}/{n}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
