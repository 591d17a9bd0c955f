"""Does recency help on news questions? ``qa.timeline`` measured on RealTimeQA (tune split).

    python -m qa.eval.timeline_bench --split tune --out docs/bench/timeline-realtimeqa-tune.json

On the split's answerable questions, with the engine's hybrid retrieval (``qa.retrieve``):
- dates: how many articles get a date from metadata, and, with the metadata hidden, how often
  ``text_date`` finds one in the text and agrees with the metadata date;
- articles: how often the top-1 retrieved article contains the answer, vs the most recent of the
  top-5 (ties: any article of the newest date);
- sentences: how often the top retrieved sentence (and any of the top 3) contains the answer,
  before and after ``prefer_recent`` (applied to questions ``is_about_now`` flags), for a grid
  of ``half_life_days`` x ``recency_bonus``; the best pair on this split is what
  ``qa.config.TimeConfig`` uses. Tune on ``tune`` only; ``report`` is for the final number.
"""
from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from dataclasses import replace
from pathlib import Path

HALF_LIVES = (3.0, 7.0, 30.0, 90.0, 365.0)
BONUSES = (0.0, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5)


def _date_check(articles: dict) -> dict:
    from qa.timeline import DateSource, find_article_date, text_date

    meta = found = same = close = 0
    for art in articles.values():
        d = find_article_date(art)
        if d is None or d.source is not DateSource.METADATA:
            continue
        meta += 1
        t = text_date(art.text)
        if t is None:
            continue
        found += 1
        same += t.date == d.date
        close += abs((t.date - d.date).days) <= 2
    return {"articles": len(articles), "with_metadata_date": meta, "text_date_found": found,
            "text_date_same_day": same, "text_date_within_2_days": close}


def collect(store, embedder, gold: list[dict], mode: str = "hybrid") -> list[dict]:
    """Per answerable question: top-5 articles with dates and answer flags, top-40 evidence."""
    from qa.eval.metrics import alias_match, gold_aliases
    from qa.retrieve import retrieve
    from qa.timeline import article_date, is_about_now

    dates = {doc_id: article_date(a) for doc_id, a in store.articles.items()}
    rows = []
    for item in gold:
        if item["kind"] != "factoid":
            continue
        aliases = gold_aliases(item)
        r = retrieve(store, embedder, item["question"], mode=mode)
        top5 = r.doc_ranking[:5]
        rows.append({
            "id": item["id"], "now": is_about_now(item["question"]),
            "top5": [(d, dates.get(d), alias_match(store.articles[d].text, aliases)) for d in top5],
            "evidence": [(e.score, dates.get(e.sentence.doc_id), alias_match(e.sentence.text, aliases))
                         for e in r.evidence],
        })
    return rows


def _article_metrics(rows: list[dict]) -> dict:
    n = len(rows)
    top1 = sum(1 for r in rows if r["top5"] and r["top5"][0][2])
    any5 = sum(1 for r in rows if any(h for _, _, h in r["top5"]))
    newest_hit = tied = 0
    for r in rows:
        dated = [(d, h) for _, d, h in r["top5"] if d is not None]
        if not dated:
            continue
        newest = max(d for d, _ in dated)
        group = [h for d, h in dated if d == newest]
        tied += len(group)
        newest_hit += any(group)
    return {"questions": n, "top1_article_has_answer": top1, "any_top5_article_has_answer": any5,
            "newest_top5_article_has_answer": newest_hit, "mean_articles_of_newest_date": round(tied / n, 2) if n else None}


def _sentence_hits(rows: list[dict], config) -> dict:
    from qa.timeline import prefer_recent

    top1 = top3 = 0
    for r in rows:
        ev = r["evidence"]
        if r["now"] and config is not None:
            ranked = prefer_recent(ev, [s for s, _, _ in ev], [d for _, d, _ in ev], config)
            ev = [x.item for x in ranked]
        top1 += bool(ev) and ev[0][2]
        top3 += any(h for _, _, h in ev[:3])
    return {"top1_sentence_has_answer": top1, "top3_sentences_have_answer": top3}


def run(split: str, work: Path, store_path: Path | None, mode: str = "hybrid", model: str = "minilm") -> dict:
    from index.embed import get_embedder
    from index.store import Store
    from qa.config import TimeConfig
    from qa.eval.bench.common import read_jsonl
    from qa.eval.benchmarks import ensure_store, environment, prepared

    d = prepared("realtimeqa", work, split=split)
    store_path = ensure_store(d / "corpus.jsonl", store_path or d / f"store-{model}", model)
    store = Store(store_path).load()
    embedder = get_embedder(store.manifest["model"])
    gold = list(read_jsonl(d / "gold.jsonl"))
    t = time.perf_counter()
    rows = collect(store, embedder, gold, mode)
    collect_s = time.perf_counter() - t
    grid = []
    for hl in HALF_LIVES:
        for bonus in BONUSES:
            cfg = replace(TimeConfig(), half_life_days=hl, recency_bonus=bonus)
            grid.append({"half_life_days": hl, "recency_bonus": bonus, **_sentence_hits(rows, cfg)})
    best = max(grid, key=lambda g: (g["top1_sentence_has_answer"], g["top3_sentences_have_answer"], -g["recency_bonus"]))
    default = TimeConfig()
    configured = {"half_life_days": default.half_life_days, "recency_bonus": default.recency_bonus,
                  **_sentence_hits(rows, default)}
    return {"split": split, "dataset": "realtimeqa", "mode": mode, "model": store.manifest["model"],
            "store": str(store_path), "questions": len(rows),
            "about_now": sum(r["now"] for r in rows), "dates": _date_check(store.articles),
            "articles": _article_metrics(rows), "sentences_without_recency": _sentence_hits(rows, None),
            "grid": grid, "best": best, "configured": configured, "collect_s": round(collect_s, 1), "environment": environment()}


def render(result: dict) -> str:
    a, s, dd = result["articles"], result["sentences_without_recency"], result["dates"]
    # on the tune split the best of the grid (what TimeConfig should hold); elsewhere TimeConfig's own values
    b, which = (result["best"], "best of the grid") if result["split"] == "tune" else (result["configured"], "TimeConfig")
    n = result["questions"]
    lines = [f"# Recency on RealTimeQA ({result['split']} split, retrieval mode `{result['mode']}`, "
             f"model `{result['model']}`)", "", f"Command: `{result['command']}`", "",
             f"{n} answerable questions; {result['about_now']} flagged `is_about_now`.", "",
             "| measure | count | share |", "|---|---|---|"]

    def row(name: str, k: int, den: int = n) -> None:
        lines.append(f"| {name} | {k} | {k / den:.3f} |" if den else f"| {name} | {k} | – |")

    row("top-1 retrieved article contains the answer", a["top1_article_has_answer"])
    row("newest top-5 article contains the answer", a["newest_top5_article_has_answer"])
    row("any top-5 article contains the answer", a["any_top5_article_has_answer"])
    row("top sentence contains the answer (no recency)", s["top1_sentence_has_answer"])
    row(f"top sentence contains the answer (recency, {which}: half-life {b['half_life_days']:g} d, "
        f"bonus {b['recency_bonus']:g})", b["top1_sentence_has_answer"])
    row("top-3 sentences contain the answer (no recency)", s["top3_sentences_have_answer"])
    row("top-3 sentences contain the answer (recency, same setting)", b["top3_sentences_have_answer"])
    lines += ["", f"Mean number of top-5 articles sharing the newest date: {a['mean_articles_of_newest_date']}.", "",
              "Dates: " + ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in dd.items()) + ".", "",
              "Grid (top sentence / top-3 containing the answer):", "",
              "| half-life (days) | bonus | top-1 | top-3 |", "|---|---|---|---|"]
    lines += [f"| {g['half_life_days']:g} | {g['recency_bonus']:g} | {g['top1_sentence_has_answer']} | "
              f"{g['top3_sentences_have_answer']} |" for g in result["grid"]]
    env = result["environment"]
    lines += ["", f"Measured {env['measured_at']} at commit {env['git_commit']}, load average {env['loadavg_1m']}."]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", default="tune", choices=("tune", "report"))
    ap.add_argument("--work", type=Path, default=Path(os.environ.get("FACTQA_BENCH_WORK") or
                                                      Path(tempfile.gettempdir()) / "factqa-bench"))
    ap.add_argument("--store", type=Path, default=None, help="store of the split's corpus (built if missing)")
    ap.add_argument("--mode", default="hybrid", choices=("hybrid", "dense", "bm25"), help="retrieval mode")
    ap.add_argument("--model", default="minilm", help="embedding model of the store (bm25 mode: hash-64 will do)")
    ap.add_argument("--out", type=Path, required=True, help="JSON output; a .md table is written beside it")
    args = ap.parse_args(argv)
    result = run(args.split, args.work, args.store, args.mode, args.model)
    result["command"] = (f"python -m qa.eval.timeline_bench --split {args.split} --mode {args.mode} "
                         f"--model {args.model} --out {args.out}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8")
    args.out.with_suffix(".md").write_text(render(result), encoding="utf-8")
    print(render(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
