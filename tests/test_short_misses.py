"""qa.eval.short_misses sorts short-answer misses by where the gold alias is. Invented records only."""
from __future__ import annotations

import json

from qa.eval.short_misses import main, misses

GOLD = [
    {"id": "a", "kind": "factoid", "question": "Who opened the bridge?", "answer": "Mayor Lind", "aliases": ["Lind"]},
    {"id": "b", "kind": "factoid", "question": "Who closed the port?", "answer": "Harbour Board", "aliases": ["Harbour Board"]},
    {"id": "c", "kind": "factoid", "question": "Who built it?", "answer": "Ostra Works", "aliases": ["Ostra"]},
    {"id": "d", "kind": "unanswerable", "question": "Who paid?", "answer": "", "aliases": []},
]


def _pred(i: str, short: str, quotes: list[str], answer: str | None = None) -> dict:
    return {"id": i, "question": next(g["question"] for g in GOLD if g["id"] == i), "answerable": True,
            "answer": answer or " ".join(quotes), "short_answer": short,
            "short_answer_span": {"citation": 1, "start": 0, "end": len(short)},
            "citations": [{"quote": q} for q in quotes]}


def test_misses_say_where_the_alias_is():
    preds = [
        _pred("a", "Ana Berg", ["Mayor Lind opened the bridge, Ana Berg said."]),  # same sentence
        _pred("b", "the city", ["The city agreed.", "The Harbour Board closed the port."]),  # another sentence
        _pred("c", "Ostra", ["Ostra Works built it."]),  # right: no miss
        {"id": "d", "answerable": False},
    ]
    got = {m[0]: m[2] for m in misses(GOLD, preds)}
    assert got == {"a": "same-sentence", "b": "other-sentence"}


def test_main_counts_pairs(tmp_path, capsys):
    gold, pred = tmp_path / "g.jsonl", tmp_path / "p.jsonl"
    gold.write_text("\n".join(json.dumps(g) for g in GOLD), encoding="utf-8")
    pred.write_text(json.dumps(_pred("a", "x", ["no name here"], answer="Lind did.")), encoding="utf-8")
    assert main(["--gold", str(gold), "--pred", str(pred)]) == 0
    assert json.loads(capsys.readouterr().out.strip().splitlines()[-1]) == {"outside-quotes": 1}
