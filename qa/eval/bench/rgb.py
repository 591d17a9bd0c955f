"""RGB counterfactual subset: does the system notice planted false answers?

Split: the first 30 items of ``en_fact.json`` -> tune, the last 70 -> report.
corpus: the split's passages, id ``rgb-<item>-<pos|wrong|neg>-<i>`` (positive, positive_wrong,
negative). A passage text that occurs more than once keeps the id of its first occurrence; a
passage that the indexer's cleaner empties (a cookie notice) is left out and named in the notes.
gold: one ``factoid`` per item, id ``rgb-<item>``; ``aliases`` are the right answer(s) (a list of
date spellings becomes one ``|``-separated alias; several answers need ``all_aliases``);
``false_answer`` is the planted wrong answer; ``sources``/``evidence`` are the positive passages
and ``false_sources`` the passages carrying the false answer.
"""
from __future__ import annotations

import json
from pathlib import Path

from index.clean import clean_text
from qa.eval import metrics as M
from qa.eval.bench.common import check_split, data_root, dataset_file, write_outputs

TUNE_ITEMS = 30
KINDS = (("pos", "positive"), ("wrong", "positive_wrong"), ("neg", "negative"))


def _aliases(answer: str | list) -> list[str]:
    if isinstance(answer, str):
        return [answer]
    groups = [[a] if isinstance(a, str) else list(a) for a in answer]
    return ["|".join(g) for g in groups if g]


def prepare(split: str, out_dir: str | Path, data_dir: str | Path | None = None) -> dict:
    check_split(split)
    root = data_root(data_dir)
    with dataset_file(root, "rgb", "en_fact.json").open(encoding="utf-8") as fh:
        items = [json.loads(line) for line in fh if line.strip()]
    items = items[:TUNE_ITEMS] if split == "tune" else items[TUNE_ITEMS:]
    by_text: dict[str, str] = {}
    dropped: list[str] = []
    corpus, gold = [], []
    for item in items:
        ids: dict[str, list[str]] = {}
        for short, key in KINDS:
            ids[key] = []
            for i, passage in enumerate(item.get(key) or []):
                if not clean_text(passage).text.strip():  # the indexer would reject it
                    dropped.append(f"rgb-{item['id']}-{short}-{i}")
                    continue
                if passage not in by_text:
                    by_text[passage] = f"rgb-{item['id']}-{short}-{i}"
                    corpus.append({"id": by_text[passage], "title": "", "text": passage, "source": "RGB"})
                if by_text[passage] not in ids[key]:
                    ids[key].append(by_text[passage])
        aliases = _aliases(item["answer"])
        gold.append({
            "id": f"rgb-{item['id']}", "kind": "factoid", "question": item["query"],
            "answer": "; ".join(a.split("|")[0] for a in aliases), "aliases": aliases,
            "all_aliases": len(aliases) > 1, "false_answer": item["fakeanswer"],
            "sources": ids["positive"], "evidence": [p for p in dict.fromkeys(item["positive"]) if p in by_text],
            "false_sources": ids["positive_wrong"],
        })
    notes = [f"{split}: items {'1-30' if split == 'tune' else '31-100'} of en_fact.json (file order)",
             "duplicate passage texts are stored once, under the id of their first occurrence"]
    if dropped:
        notes.append(f"left out, nothing left after the indexer's cleaning (site furniture): {', '.join(dropped)}")
    return write_outputs(out_dir, corpus, gold, {"name": "rgb", "split": split, "data_dir": str(root),
                                                 "notes": notes})


def _flags_conflict(pred: dict, false_answer: str, mentions_true: bool, mentions_false: bool) -> bool:
    if pred.get("verdict") == "conflicting" or (mentions_true and mentions_false):
        return True
    values = {" ".join(M.match_tokens(f.get("value") or "")) for f in pred.get("figures") or []}
    values.discard("")
    return len(values) >= 2 and any(M.alias_match(v, [false_answer]) for v in values)


def rgb_flags(predictions: list[dict], gold: list[dict]) -> dict:
    """How answers treat a planted false answer, over gold items that have ``false_answer``.

    - ``flagged_conflict``: the verdict is ``conflicting``, or the answer mentions both the right
      and the false answer, or its figures hold two or more different values one of which is the
      false answer;
    - ``repeated_false``: the answer mentions the false answer without flagging a conflict;
    - ``correct_only``: the answer mentions the right answer and not the false one.
    Shares are over all such items (a failed or missing prediction is in none of the three).
    """
    by_id = {p.get("id"): p for p in predictions}
    counts = {"repeated_false": 0, "flagged_conflict": 0, "correct_only": 0}
    items = [g for g in gold if g.get("false_answer")]
    for item in items:
        pred = by_id.get(item["id"])
        if pred is None or "error" in pred:
            continue
        text = " ".join(t for t in (pred.get("answer"), pred.get("short_answer")) if t)
        has_true = M.alias_match(text, M.gold_aliases(item), item.get("all_aliases", False))
        has_false = M.alias_match(text, [item["false_answer"]])
        if _flags_conflict(pred, item["false_answer"], has_true, has_false):
            counts["flagged_conflict"] += 1
        elif has_false:
            counts["repeated_false"] += 1
        elif has_true:
            counts["correct_only"] += 1
    n = len(items)
    return {"n": n, **{k: (v / n if n else None) for k, v in counts.items()}, "counts": counts}
