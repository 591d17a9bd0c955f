"""Leave-one-week-out over a ``qa.eval.rtqa_grid`` run: for each tune week, the setting that scores best
on the other weeks, and what it scores on the held-out week.

    python -m qa.eval.rtqa_grid --split tune --work /tmp/gold-bench --grid ... > GRID.jsonl
    python -m qa.eval.rtqa_lowo GRID.jsonl [--baseline '{"echo_penalty": 0.0}']

Score: overall right (answerable right plus unanswerable refused; ``--score answerable``: answerable
right only), ties broken by fewer answerable refused, then by grid order (list the current setting first). The held-out total of the chosen
settings is the estimate of what choosing on three weeks gives on an unseen one; the baseline row
(default: the first setting of the grid) is the same four weeks without any choice.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("{")]


SCORES = {"overall": 0, "answerable": 1}  # position in a week's [overall, answerable right, refused, n]


def _on(row: dict, weeks: list[str], score: str = "overall") -> tuple[int, int]:
    """(right by ``score``, -answerable refused) summed over ``weeks``."""
    return (sum(row["weeks"][w][SCORES[score]] for w in weeks), -sum(row["weeks"][w][2] for w in weeks))


def lowo(rows: list[dict], score: str = "overall") -> list[dict]:
    weeks = sorted(rows[0]["weeks"])
    out = []
    for held in weeks:
        train = [w for w in weeks if w != held]
        best = max(range(len(rows)), key=lambda i: (_on(rows[i], train, score), -i))
        r = rows[best]
        out.append({"held_out": held, "setting": r["setting"], "train_right": _on(r, train, score)[0],
                    "held_right": r["weeks"][held][0], "held_answerable_right": r["weeks"][held][1],
                    "held_refused": r["weeks"][held][2], "held_n": r["weeks"][held][3]})
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m qa.eval.rtqa_lowo", description=__doc__.split("\n\n")[0])
    p.add_argument("grid", type=Path, help="qa.eval.rtqa_grid output (one JSON line per setting)")
    p.add_argument("--baseline", default=None, help="the setting to compare with, as JSON (default: the first)")
    p.add_argument("--score", choices=tuple(SCORES), default="overall",
                   help="choose by overall right (default) or by answerable right")
    a = p.parse_args(argv)
    rows = load(a.grid)
    if not rows:
        p.error(f"{a.grid} holds no grid lines")
    base = rows[0] if a.baseline is None else next(
        (r for r in rows if r["setting"] == json.loads(a.baseline)), None)
    if base is None:
        p.error(f"no grid line has the setting {a.baseline}")
    print("| held-out week | chosen on the other three | held-out right (overall / answerable / refused, of n) | "
          "baseline held-out |")
    print("|---|---|---|---|")
    tot = btot = atot = abtot = 0
    for r in lowo(rows, a.score):
        b = base["weeks"][r["held_out"]]
        tot += r["held_right"]
        btot += b[0]
        atot += r["held_answerable_right"]
        abtot += b[1]
        print(f"| {r['held_out']} | {json.dumps(r['setting'])} | {r['held_right']} / {r['held_answerable_right']} / "
              f"{r['held_refused']} of {r['held_n']} | {b[0]} / {b[1]} / {b[2]} |")
    print(f"| all | | {tot} / {atot} | {btot} / {abtot} |")
    print(f"\nChosen by {a.score} right. Baseline: {json.dumps(base['setting'])}. Grid: {a.grid}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
