"""First failing pipeline stage of every wrong item of a gold set (analysis, not scoring).

    python -m qa.eval.stage_failures --gold seeds/gold_vN.jsonl \
        --predictions docs/eval/RUN/predictions.jsonl --store STORE [--jsonl OUT]

Items are judged with ``qa.eval.metrics.judge`` (the same rules as ``factqa eval``). For each
wrong answerable item the question is searched again (``Engine._search``: the same query
rewriting and retrieval as ``ask``; each part of a compound question on its own, merged by score)
and the gold evidence sentences are looked up among the
candidates (``quote_supports`` against each candidate sentence). Stages, first failing one wins:

- ``refusal``: answered "the articles don't say"; ``in_best`` says whether a shown closest
  passage (the refusal's citations) supports a gold evidence sentence;
- ``retrieval``: no candidate among the first ``TOP_K`` supports gold evidence (``gold_rank`` is its
  rank among 200, None beyond), or the first such candidate scores below ``min_score``;
- ``sentence_choice``: a gold sentence was a candidate above ``min_score`` but the first citation
  is not one (``cited_later`` when a later citation is);
- ``answer_not_in_sentence``: the first citation is a gold sentence but the answer text does not
  hold the gold alias (the alias is not in that sentence, e.g. an outlet's name);
- ``short``: the answer is right, the short answer is not.

Unanswerable items answered are ``unanswerable_answered``; claims are ``claim`` rows with the
gold and predicted verdicts and where the gold evidence is (retrieved / cited).
"""
from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path
from typing import Callable, Sequence

from qa.eval.bench.common import read_jsonl
from qa.eval.metrics import alias_match, gold_aliases, judge, quote_supports


TOP_K = 40  # qa.retrieve.retrieve's k_sentences: the candidates compose_ask sees


def _jsonl(path: Path) -> list[dict]:
    return list(read_jsonl(Path(path)))


def gold_rank(candidates: Sequence[tuple[str, float]], evidence: Sequence[str]) -> tuple[int | None, float | None]:
    """1-based rank and score of the first candidate sentence supporting a gold evidence string."""
    for i, (text, score) in enumerate(candidates, start=1):
        if any(quote_supports(text, e) for e in evidence):
            return i, score
    return None, None


def _supports(cit: dict, evidence: Sequence[str]) -> bool:
    return any(quote_supports(cit.get("quote") or "", e) for e in evidence)


def classify(item: dict, pred: dict, candidates: Sequence[tuple[str, float]] | None, min_score: float) -> dict:
    """One row: the item's id, style, kind and its first failing stage (``ok`` when nothing failed).

    ``candidates``: (sentence text, score) best first, from searching the item's question again;
    None when not searched (the stage then rests on the prediction alone)."""
    j = judge(item, pred, None)
    ev, cits = item.get("evidence") or [], pred.get("citations") or []
    row = {"id": item["id"], "style": item.get("style", ""), "kind": item["kind"], "question": item["question"]}
    rank, score = gold_rank(candidates, ev) if candidates is not None and ev else (None, None)
    row["gold_rank"], row["gold_score"] = rank, score
    row["cited_first"] = bool(cits) and _supports(cits[0], ev)
    row["cited_any"] = any(_supports(c, ev) for c in cits)
    if item["kind"] == "claim":
        row["stage"] = "ok" if j["verdict_correct"] else "claim"
        row["gold"], row["pred"] = item["verdict"], pred.get("verdict")
        return row
    if item["kind"] == "unanswerable":
        row["stage"] = "ok" if j["answer_correct"] else "unanswerable_answered"
        row["first_quote"] = cits[0]["quote"] if cits else None
        return row
    if j["answer_correct"]:
        row["stage"] = "ok" if j["short_correct"] else "short"
        row["short_answer"] = pred.get("short_answer")
        return row
    if not pred.get("answerable"):
        row["stage"] = "refusal"
        row["refusal"] = (pred.get("refusal") or {}).get("code")
        row["in_best"] = row["cited_any"]
        return row
    if rank is None or rank > TOP_K or (score is not None and score < min_score):
        row["stage"] = "retrieval"
    elif not row["cited_first"]:
        row["stage"] = "sentence_choice"
        row["cited_later"] = row["cited_any"]
    else:
        row["stage"] = "answer_not_in_sentence"
    row["alias_in_evidence"] = any(alias_match(e, gold_aliases(item), item.get("all_aliases", False)) for e in ev)
    return row


def stage_table(rows: Sequence[dict]) -> dict[str, Counter]:
    """style -> Counter of stages (``ok`` included)."""
    out: dict[str, Counter] = {}
    for r in rows:
        key = r["style"] if r["kind"] != "claim" else f"claim:{r['gold']}"
        out.setdefault(key, Counter())[r["stage"]] += 1
    return out


def run(gold: list[dict], preds: list[dict], search: Callable[[str, str], list[tuple[str, float]]] | None,
        min_score: float) -> list[dict]:
    """``search(text, kind)``: candidates (sentence, score) best first for a question or a claim."""
    by_id = {p["id"]: p for p in preds}
    rows = []
    for item in gold:
        pred = by_id.get(item["id"]) or {}
        needs = item["kind"] != "unanswerable" and bool(item.get("evidence")) and search is not None
        rows.append(classify(item, pred, search(item["question"], item["kind"]) if needs else None, min_score))
    return rows


def _engine_search(store: str):
    from qa.engine import Engine
    from qa.question import normalize_question
    from qa.retrieve import retrieve

    engine = Engine(store)

    def search(text: str, kind: str) -> list[tuple[str, float]]:
        if kind == "claim":
            r = retrieve(engine.store, engine.embedder, text, mode=engine.mode, k_sentences=200)
            return [(e.sentence.text, e.score) for e in r.evidence]
        question = normalize_question(text)
        parts = engine._compound(question, None)  # a compound question: each part is searched on its own
        out: list[tuple[str, float]] = []
        for q in (question,) if parts is None else tuple(p.text for p in parts.parts):
            query = engine._search(q, None).retrieval.query
            r = retrieve(engine.store, engine.embedder, query, mode=engine.mode, k_sentences=200)
            out += [(e.sentence.text, e.score) for e in r.evidence]
        return sorted(out, key=lambda c: -c[1])

    return search, engine.config.min_score


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, required=True)
    ap.add_argument("--predictions", type=Path, required=True)
    ap.add_argument("--store", required=True)
    ap.add_argument("--jsonl", type=Path, help="write one row per item here")
    args = ap.parse_args(argv)
    search, min_score = _engine_search(args.store)
    rows = run(_jsonl(args.gold), _jsonl(args.predictions), search, min_score)
    if args.jsonl:
        args.jsonl.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    table = stage_table(rows)
    stages = sorted({s for c in table.values() for s in c})
    print("| style | " + " | ".join(stages) + " |")
    print("|---" * (len(stages) + 1) + "|")
    for style in sorted(table):
        print(f"| {style} | " + " | ".join(str(table[style][s]) for s in stages) + " |")
    total = Counter(r["stage"] for r in rows)
    print("| total | " + " | ".join(str(total[s]) for s in stages) + " |")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
