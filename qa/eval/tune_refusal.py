"""Choose refusal settings by leave-one-set-out over the seed tune sets; print every fold.

    python -m qa.eval.tune_refusal --store STORE --grid correct_spelling=false,true

Each ``qa.config.Config`` setting of the grid answers the non-claim items of seeds/gold_v3.jsonl ..
gold_v10.jsonl (tune sets; gold.jsonl is in-sample and is not used to choose; gold_v9.jsonl and gold_v10.jsonl,
sessions 15 and 16's unseen judges, are tune sets once their judge runs are done). For each set held out, the
setting with the most right outcomes (answerable items answered right plus unanswerable items refused) on the
other sets is chosen (ties: fewer unanswerables answered, then the first setting of the grid) and its scores on the
held-out set are printed: the number is not fit to the set it is read on. Per set: answerable right / n, answerable refused (%), unanswerable caught / n.

``--news GRID.jsonl`` adds the RealTimeQA tune weeks as one more set ("rtqa-tune"), read from the output of
``python -m qa.eval.rtqa_grid --split tune --grid <the same grid>``: the choice is then made on both kinds of
tune data at once (most answerable items right plus unanswerables refused, summed over every set; each item
counts one), and the leave-one-set-out folds hold out the news weeks too. Never give it report-split output.
"""
from __future__ import annotations

import argparse
import json
from dataclasses import dataclass
from pathlib import Path

from qa.eval.metrics import judge
from qa.eval.rtqa_grid import grid

SETS = ("v3", "v4", "v5", "v6", "v7", "v8", "v9", "v10")


@dataclass(frozen=True)
class Score:
    right: int  # answerable items answered right
    answerable: int
    refused: int  # answerable items refused
    caught: int  # unanswerable items refused
    unanswerable: int

    @property
    def outcomes(self) -> int:
        return self.right + self.caught

    def __add__(self, other: "Score") -> "Score":
        return Score(*(a + b for a, b in zip(self.row(), other.row())))

    def row(self) -> tuple[int, ...]:
        return self.right, self.answerable, self.refused, self.caught, self.unanswerable

    def text(self) -> str:
        pct = 100 * self.refused / max(1, self.answerable)
        return f"{self.right}/{self.answerable}, refused {self.refused} ({pct:.1f}%), caught {self.caught}/{self.unanswerable}"


def score(items: list[dict], engine, outcomes: dict[str, str] | None = None) -> Score:
    """``outcomes``, when given, gets each item's outcome: "right" / "wrong" / "refused" (answerable),
    "caught" / "answered" (unanswerable)."""
    right = answerable = refused = caught = unanswerable = 0
    for g in items:
        pred = engine.ask(g["question"]).to_dict()
        j = judge(g, pred, None)
        if outcomes is not None:
            outcomes[g["id"]] = (("caught" if j["answer_correct"] else "answered") if g["kind"] == "unanswerable"
                                 else "refused" if not pred.get("answerable")
                                 else "right" if j["answer_correct"] else "wrong")
        if g["kind"] == "unanswerable":
            unanswerable += 1
            caught += bool(j["answer_correct"])
        else:
            answerable += 1
            right += bool(j["answer_correct"])
            refused += not pred.get("answerable")
    return Score(right, answerable, refused, caught, unanswerable)


def choose(table: dict[str, dict[str, Score]], train: list[str]) -> str:
    """The setting with the most right outcomes on ``train`` (ties: fewer unanswerables answered)."""
    def key(name: str) -> tuple[int, int]:
        total = sum((table[name][s] for s in train[1:]), table[name][train[0]])
        return total.outcomes, total.caught
    return max(table, key=key)  # max keeps the first of equal keys


def news_scores(path: str) -> dict[str, Score]:
    """Setting name -> Score of one ``qa.eval.rtqa_grid`` output (tune split only)."""
    out = {}
    for line in open(path, encoding="utf-8"):
        if not line.startswith("{"):
            continue
        r = json.loads(line)
        if r["split"] != "tune":
            raise SystemExit(f"--news reads tune-split grids only; {path} holds split {r['split']!r}")
        name = ", ".join(f"{k}={v}" for k, v in r["setting"].items()) or "default"
        out[name] = Score(r["answerable_right"], r["answerable_n"], r["answerable_refused"],
                          r["overall"] - r["answerable_right"], r["n"] - r["answerable_n"])
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--store", required=True)
    ap.add_argument("--seeds", default="seeds", help="folder holding gold_v3.jsonl .. gold_v10.jsonl")
    ap.add_argument("--grid", nargs="*", default=[], help="name=v1,v2 ... (Config fields)")
    ap.add_argument("--out", help="also write the table as JSON here")
    ap.add_argument("--news", help="qa.eval.rtqa_grid output on the RealTimeQA tune split, same grid: one more set")
    ap.add_argument("--items", action="store_true",
                    help="also list, for every setting, the items whose outcome differs from the first setting's")
    args = ap.parse_args()
    news = news_scores(args.news) if args.news else {}
    sets = SETS + (("rtqa-tune",) if news else ())
    from qa.config import Config
    from qa.engine import Engine

    items = {s: [g for g in (json.loads(line) for line in open(Path(args.seeds) / f"gold_{s}.jsonl", encoding="utf-8")
                             if line.strip()) if g["kind"] != "claim"] for s in SETS}
    base = Engine(args.store).warm()
    table: dict[str, dict[str, Score]] = {}
    first: dict[str, str] = {}
    print("| setting | " + " | ".join(sets) + " |")
    print("|---|" + "---|" * len(sets))
    for changes in grid(args.grid):
        engine = Engine(args.store, config=Config().with_(**changes))
        engine._store, engine._words, engine._names, engine._frames = base._store, base._words, base._names, base._frames
        name = ", ".join(f"{k}={v}" for k, v in changes.items()) or "default"
        outcomes: dict[str, str] = {}
        table[name] = {s: score(items[s], engine, outcomes) for s in SETS}
        if args.items:
            first = first if table.keys() - {name} else outcomes
            for k, v in outcomes.items():
                if v != first.get(k):
                    print(f"  {name}: {k} {first.get(k)} -> {v}", flush=True)
        if news:
            if name not in news:
                raise SystemExit(f"--news has no row for {name}: run qa.eval.rtqa_grid with the same grid")
            table[name]["rtqa-tune"] = news[name]
        print(f"| {name} | " + " | ".join(table[name][s].text() for s in sets) + " |", flush=True)
    print("\n| held out | chosen on the other sets | held-out score |\n|---|---|---|")
    folds = {}
    for held in sets:
        chosen = choose(table, [s for s in sets if s != held])
        folds[held] = chosen
        print(f"| {held} | {chosen} | {table[chosen][held].text()} |")
    print("\n| setting | all tune sets | right + caught |\n|---|---|---|")
    for name, row in table.items():
        total = sum(row.values(), Score(0, 0, 0, 0, 0))
        print(f"| {name} | {total.text()} | {total.outcomes} |")
    print(f"\nchosen on all sets ({', '.join(sets)}): {choose(table, list(sets))}")
    if args.out:
        Path(args.out).write_text(json.dumps({"grid": {n: {s: sc.row() for s, sc in row.items()} for n, row in table.items()},
                                              "folds": folds}, indent=1))


if __name__ == "__main__":
    main()
