"""Why the engine gets RealTimeQA questions wrong: one class per answerable question.

    python -m qa.eval.rtqa_errors --split tune --work /tmp/gold-bench --out /tmp/rtqa-errors

Asks each question the way ``Engine.ask`` does (``_search`` then ``_compose``), keeps the retrieval,
and puts every answerable question in one class (first that applies):

- ``correct``: the answer text contains the quiz's right choice (the benchmark's metric);
- ``no_answer_text``: no sentence of any article holds the right choice's text (gold evidence is
  empty): the question cannot be answered in the metric's terms;
- ``retrieval_miss``: no candidate sentence (the ``retrieve`` pool the answer core reads) holds it;
- ``refused_shown``: refused, and the "closest passage" quoted with the refusal holds it;
- ``refused_floor``: refused; the best candidate sentence holding it scores below ``min_score``;
- ``refused_other``: refused although a candidate at or above ``min_score`` holds it;
- ``wrong_sentence``: answered, a candidate holds it, no cited sentence does.

Besides the class, two checks of the metric itself (``qa.eval.metrics.alias_match`` of the whole
answer text against the right choice): ``lenient`` (counted right, but the answer text also holds
another choice in full: a multiple-choice reader would not know which one) and ``near`` (counted
wrong, but the answer text holds the words that tell the right choice from the others and no other
choice's: e.g. "Benedict XVI" for "Pope Benedict XVI"). Also the short answer: whether it holds
the right choice. Writes ``OUT/rtqa-errors-<split>.jsonl`` (one row per question) and ``.md``.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

from qa.eval import metrics as M

CLASSES = ("correct", "no_answer_text", "retrieval_miss", "refused_shown", "refused_floor", "refused_other",
           "wrong_sentence")


def _distinctive(choice: str, others: list[str]) -> set[str]:
    """Tokens of ``choice`` that no other choice has (what tells it apart)."""
    mine = set(M.match_tokens(choice))
    theirs = {t for o in others for t in M.match_tokens(o)}
    return {t for t in mine - theirs if len(t) > 2 or t.isdigit()}


def metric_checks(answer_text: str, choices: list[str], right: str) -> dict:
    """``lenient`` and ``near`` as in the module docstring."""
    others = [c for c in choices if c != right]
    strict = M.alias_match(answer_text, [right])
    lenient = strict and any(M.alias_match(answer_text, [o]) for o in others)
    toks = set(M.match_tokens(answer_text))
    mine = _distinctive(right, others)
    theirs_hit = any(_distinctive(o, [c for c in choices if c != o]) & toks for o in others)
    near = not strict and bool(mine) and mine <= toks and not theirs_hit
    return {"lenient": lenient, "near": near}


def classify(item: dict, answer: dict, candidates: list[dict], min_score: float) -> str:
    right = item["answer"]
    if M.alias_match(answer["answer"], [right]) and answer["answerable"]:
        return "correct"
    if not item.get("evidence"):
        return "no_answer_text"
    holding = [c for c in candidates if c["has_answer"]]
    if not holding:
        return "retrieval_miss"
    if not answer["answerable"]:
        if any(M.alias_match(c["quote"], [right]) for c in answer["citations"]):
            return "refused_shown"
        return "refused_floor" if max(c["score"] for c in holding) < min_score else "refused_other"
    return "wrong_sentence"


def analyse(split: str, work: Path, out: Path) -> dict:
    from qa.eval.baseline import make_engine
    from qa.eval.realtimeqa_run import prepared_realtimeqa
    from qa.eval.benchmarks import ensure_store
    from qa.eval.evaluate import item_date

    data = prepared_realtimeqa(work, split)
    store = ensure_store(data / "corpus.jsonl", data / "store-minilm", "minilm")
    engine = make_engine(store, "hybrid")
    engine.warm()
    gold = [json.loads(line) for line in (data / "gold.jsonl").read_text(encoding="utf-8").splitlines() if line]
    rows = []
    for item in gold:
        found = engine._search(item["question"], None, item_date(item))
        ans = engine._compose(found).to_dict()
        cands = [{"rank": i, "score": round(e.score, 4), "doc_id": e.sentence.doc_id, "text": e.sentence.text,
                  "has_answer": item["kind"] != "unanswerable" and M.alias_match(e.sentence.text, [item["answer"]])}
                 for i, e in enumerate(found.retrieval.evidence)]
        row = {"id": item["id"], "question": item["question"], "kind": item["kind"],
               "right": item.get("answer") or item.get("quiz_answer"), "choices": item.get("choices"),
               "answerable": ans["answerable"], "answer": ans["answer"], "short_answer": ans["short_answer"],
               "refusal": (ans.get("refusal") or {}).get("code"),
               "answer_type": (ans.get("refusal") or {}).get("answer_type"),
               "first_answer_candidate": next((c for c in cands if c["has_answer"]), None),
               "top_candidate": cands[0] if cands else None,
               "cited": [c["quote"] for c in ans["citations"]],
               "cited_docs": [c["doc_id"] for c in ans["citations"]],
               "candidates": [{k: c[k] for k in ("rank", "doc_id", "has_answer")} for c in cands]}
        if item["kind"] == "unanswerable":
            row["class"] = "unanswerable_caught" if not ans["answerable"] else "unanswerable_answered"
            # gold says "not in the corpus" because the question's own search found nothing; other
            # questions' articles may still hold the quiz answer
            row["quiz_answer_in_candidates"] = any(M.alias_match(c["text"], [item["quiz_answer"]]) for c in cands)
        else:
            row["class"] = classify(item, ans, cands, engine.config.min_score)
            row.update(metric_checks(ans["answer"] if ans["answerable"] else "", item["choices"], item["answer"]))
            row["short_right"] = ans["answerable"] and M.alias_match(ans["short_answer"] or "", [item["answer"]])
            mine = _distinctive(item["answer"], [c for c in item["choices"] if c != item["answer"]])
            row["variant_in_candidates"] = bool(mine) and any(mine <= set(M.match_tokens(c["text"])) for c in cands)
        rows.append(row)
    out.mkdir(parents=True, exist_ok=True)
    with (out / f"rtqa-errors-{split}.jsonl").open("w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    summary = summarise(rows)
    summary["command"] = "python -m qa.eval.rtqa_errors " + " ".join(sys.argv[1:])
    (out / f"rtqa-errors-{split}.md").write_text(render(summary, split), encoding="utf-8")
    return summary


def summarise(rows: list[dict]) -> dict:
    ans = [r for r in rows if r["kind"] != "unanswerable"]
    una = [r for r in rows if r["kind"] == "unanswerable"]
    return {"n": len(rows), "answerable": len(ans), "classes": dict(Counter(r["class"] for r in ans)),
            "unanswerable": dict(Counter(r["class"] for r in una)),
            "lenient": sum(r["lenient"] for r in ans), "near": sum(r["near"] for r in ans),
            "no_text_variant": sum(r["variant_in_candidates"] for r in ans if r["class"] == "no_answer_text"),
            "true_false": sum(1 for r in ans if {c.lower() for c in r["choices"]} == {"true", "false"}),
            "unanswerable_in_corpus": sum(r["quiz_answer_in_candidates"] for r in una),
            "short_right": sum(r["short_right"] for r in ans)}


def render(s: dict, split: str) -> str:
    lines = [f"# RealTimeQA {split}: why answers are wrong", "",
             f"{s['answerable']} answerable questions (split **{split}**). Classes: `qa/eval/rtqa_errors.py`.", "",
             "| class | questions |", "|---|---|"]
    lines += [f"| {c} | {s['classes'].get(c, 0)} |" for c in CLASSES]
    lines += ["", f"Metric checks: counted right but the answer text holds another choice too: {s['lenient']}; "
              f"counted wrong but holding only the right choice's distinctive words: {s['near']}; "
              f"short answer holds the right choice: {s['short_right']}.",
              f"Of the no_answer_text questions, {s['no_text_variant']} have a candidate sentence with the words that "
              f"tell the right choice apart (a variant: 'Yakutsk' for 'Yakutsk, Russia'); {s['true_false']} questions "
              "are true/false (an extractive answer never says 'true').",
              f"Unanswerable questions whose quiz answer is in a candidate sentence anyway: {s['unanswerable_in_corpus']}.",
              f"Unanswerable: {s['unanswerable']}.", "", f"Command: `{s['command']}`", ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m qa.eval.rtqa_errors", description=__doc__.split("\n\n")[0])
    p.add_argument("--split", required=True, choices=("tune", "report"))
    p.add_argument("--work", type=Path, required=True, help="prepared data and store (as for qa.eval.realtimeqa_run)")
    p.add_argument("--out", type=Path, required=True)
    a = p.parse_args(argv)
    t = time.perf_counter()
    s = analyse(a.split, a.work, a.out)
    print(render(s, a.split))
    print(f"({time.perf_counter() - t:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
