"""Failure stages of RealTimeQA answers, finer than ``qa.eval.rtqa_errors``: where in the pipeline each
wrong answer went wrong, with the article dates that a news quiz (asked "this week") depends on.

    python -m qa.eval.rtqa_stages --errors /tmp/rtqa-errors/rtqa-errors-tune.jsonl \\
        --work /tmp/gold-bench --split tune --out /tmp/rtqa-stages.md

Reads one ``qa.eval.rtqa_errors`` output (no engine run) and the split's corpus and gold (article dates,
quiz dates). One stage per question, the first that applies:

- ``correct``; ``no_answer_text`` (no article sentence holds the right choice: out of reach);
- ``retrieval_miss_date``: no candidate holds it, an article of the quiz week (within ``--week-days`` of
  the quiz date) does, and most candidates come from older articles;
- ``retrieval_miss``: no candidate holds it (the rest);
- ``refused_shown``: refused, and the closest passage quoted holds it; ``refused``: refused, a candidate holds it;
- ``wrong_date``: answered from an article outside the quiz week while a candidate from the quiz week holds it;
- ``wrong_sentence``: answered, a candidate holds it, no cited sentence does (the rest);
- ``unanswerable_answered`` / ``unanswerable_caught`` (questions without search results).

Besides the stage: ``short_wrong`` (counted right, but the short answer does not hold the right choice:
the span, not the sentence, is wrong; the benchmark's metric reads the whole answer text).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
from collections import Counter, defaultdict
from pathlib import Path

from qa.eval import metrics as M

STAGES = ("correct", "no_answer_text", "retrieval_miss_date", "retrieval_miss", "refused_shown", "refused",
          "wrong_date", "wrong_sentence", "unanswerable_answered", "unanswerable_caught")


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def stage(row: dict, item: dict, cand_dates: list[dt.date | None], cited_dates: list[dt.date | None],
          corpus_week: bool, as_of: dt.date | None, week_days: int) -> str:
    """The stage of one ``rtqa_errors`` row (module doc). ``cand_dates``: the date of each candidate in
    ``row['candidates']`` order; ``cited_dates``: of each cited sentence; ``corpus_week``: some article of
    the quiz week holds the right choice."""
    cls = row["class"]
    if cls in ("correct", "no_answer_text", "unanswerable_answered", "unanswerable_caught"):
        return cls

    def in_week(d: dt.date | None) -> bool:
        return d is not None and as_of is not None and abs((d - as_of).days) <= week_days

    if cls == "retrieval_miss":
        old = sum(1 for d in cand_dates if d is not None and not in_week(d))
        return "retrieval_miss_date" if corpus_week and old * 2 > len(cand_dates) else "retrieval_miss"
    if cls == "refused_shown":
        return cls
    if cls.startswith("refused"):
        return "refused"
    holders = [d for c, d in zip(row.get("candidates", []), cand_dates) if c["has_answer"]]
    if cited_dates and not in_week(cited_dates[0]) and any(in_week(d) for d in holders):
        return "wrong_date"
    return "wrong_sentence"


def run(errors: Path, work: Path, split: str, week_days: int) -> tuple[list[dict], dict]:
    root = work / f"realtimeqa-{split}"
    corpus = [json.loads(line) for line in (root / "corpus.jsonl").open(encoding="utf-8")]
    dates = {a["id"]: _date(a.get("date")) for a in corpus}
    tokens = {a["id"]: M.match_tokens(a["text"]) for a in corpus}
    gold = {g["id"]: g for g in map(json.loads, (root / "gold.jsonl").open(encoding="utf-8"))}
    rows = [json.loads(line) for line in errors.open(encoding="utf-8")]
    out = []
    for row in rows:
        item = gold[row["id"]]
        as_of = _date(item.get("question_date"))
        cands = row.get("candidates", [])
        cand_dates = [dates.get(c["doc_id"]) for c in cands]
        cited_dates = [dates.get(d) for d in row.get("cited_docs", [])]
        right = row.get("right") or ""
        corpus_week = item["kind"] != "unanswerable" and as_of is not None and any(
            dates.get(a["id"]) is not None and abs((dates[a["id"]] - as_of).days) <= week_days
            and M.contains_tokens(tokens[a["id"]], M.match_tokens(right)) for a in corpus)
        st = stage(row, item, cand_dates, cited_dates, corpus_week, as_of, week_days)
        out.append({"id": row["id"], "week": item.get("week"), "stage": st,
                    "short_wrong": st == "correct" and not row.get("short_right", False),
                    "cited_age_days": (as_of - cited_dates[0]).days if cited_dates and cited_dates[0] and as_of else None})
    per_week: dict[str, Counter] = defaultdict(Counter)
    for r in out:
        per_week[r["week"]][r["stage"]] += 1
    summary = {"stages": dict(Counter(r["stage"] for r in out)), "short_wrong": sum(r["short_wrong"] for r in out),
               "weeks": {w: dict(c) for w, c in sorted(per_week.items())}}
    return out, summary


def render(summary: dict) -> str:
    weeks = list(summary["weeks"])
    lines = ["| stage | all | " + " | ".join(weeks) + " |", "|---|---|" + "---|" * len(weeks)]
    for st in STAGES:
        lines.append(f"| {st} | {summary['stages'].get(st, 0)} | "
                     + " | ".join(str(summary["weeks"][w].get(st, 0)) for w in weeks) + " |")
    lines.append(f"\nCounted right with a short answer that misses the right choice (wrong span): {summary['short_wrong']}.")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m qa.eval.rtqa_stages", description=__doc__.split("\n\n")[0])
    p.add_argument("--errors", type=Path, required=True, help="qa.eval.rtqa_errors jsonl")
    p.add_argument("--work", type=Path, required=True)
    p.add_argument("--split", required=True, choices=("tune", "report"))
    p.add_argument("--week-days", type=int, default=7, help="days either side of the quiz date that are its week")
    p.add_argument("--out", type=Path, default=None, help="markdown table (and a .jsonl beside it)")
    a = p.parse_args(argv)
    rows, summary = run(a.errors, a.work, a.split, a.week_days)
    text = render(summary)
    print(text)
    if a.out:
        a.out.write_text(text, encoding="utf-8")
        with a.out.with_suffix(".jsonl").open("w", encoding="utf-8") as fh:
            for r in rows:
                fh.write(json.dumps(r) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
