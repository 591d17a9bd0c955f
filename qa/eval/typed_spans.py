"""How the short answer of typed questions fares, and why it misses when the cited sentence holds the answer.

    python -m qa.eval.typed_spans --gold seeds/gold_v4.jsonl --pred /tmp/run-v4/predictions.jsonl [...] [--items]
    python -m qa.eval.typed_spans --run --store STORE --sets gold_v3,gold_v4 --out DIR --grid noun_spans=false,true

``--gold`` / ``--pred`` in pairs (one per set). A question is typed when it expects a person, organisation,
place or date (``qa.spans.typed``) or names the type of its answer ("which / what <noun>",
``qa.predicate_check.asked_type``). Per answerable item (answered, not a list): ``right`` (the short answer holds
a gold alias), ``nospan`` (the short answer is the whole cited sentence), ``wrong`` (a span without the alias);
for ``nospan`` / ``wrong`` whose cited sentence holds the alias, why (``why``): the alias is an entity of an
accepted kind that was not chosen (``ent-of-type``), an entity of another spaCy label (``ent-LABEL``), a name
next to the asked noun (``beside-noun``), a noun phrase headed by the asked noun (``headed``), another noun
phrase (``chunk``). Per unanswerable item the same outcome (refused counts as caught). Tune sets only.
"""
from __future__ import annotations

import argparse
import collections
import json
import sys
from pathlib import Path

from qa.eval.bench.common import read_jsonl


def _quote(p: dict) -> str:
    cits = p.get("citations") or []
    n = (p.get("short_answer_span") or {}).get("citation", 1)
    return cits[n - 1]["quote"] if 0 < n <= len(cits) else ""


def _alias_at(text: str, aliases: list[str]) -> tuple[int, int] | None:
    low = text.lower()
    for a in aliases:
        for alt in a.split("|"):
            alt = alt.strip().lower()
            i = low.find(alt) if alt else -1
            if i >= 0:
                return i, i + len(alt)
    return None


def why(question: str, quote: str, aliases: list[str]) -> str:
    """Why a span search could miss the alias in ``quote`` (see the module docstring)."""
    from qa.nlp import parsed
    from qa.predicate_check import asked_type
    from qa.question_frames import question_frame
    from qa.spans import ACCEPTS

    at = _alias_at(quote, aliases)
    if at is None:
        return "alias-not-verbatim"
    qf = question_frame(question)
    noun = asked_type(parsed(question), qf, True) or qf.type_word
    doc = parsed(quote)
    a, b = at
    for e in doc.ents:
        if e.start_char < b and a < e.end_char:
            kinds = {k.name for k in ACCEPTS.get(qf.answer_type, ())}
            kind = {"PERSON": "PERSON", "ORG": "ORG", "NORP": "ORG", "GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE",
                    "DATE": "DATE", "TIME": "DATE"}.get(e.label_, "")
            if kind in kinds:
                return "ent-of-type"
            if noun and any(t.lemma_.lower()[:5] == noun[:5] for t in doc[max(0, e.start - 3): e.end + 3]):
                return f"beside-noun:{e.label_}"
            return f"ent-{e.label_}"
    for nc in doc.noun_chunks:
        if nc.start_char <= a and b <= nc.end_char or a <= nc.start_char < b:
            if noun and nc.root.lemma_.lower()[:5] == noun[:5]:
                return "headed"
            if any(t.dep_ == "appos" for t in nc) or nc.root.dep_ == "appos":
                return "appos"
            return f"chunk:{nc.root.dep_}"
    return "other"


def outcomes(gold: list[dict], preds: list[dict]) -> list[tuple[str, str, str, str, str]]:
    """(id, answer type, asked noun, outcome, why) per typed item."""
    from qa.eval.metrics import alias_match, gold_aliases
    from qa.nlp import parsed
    from qa.predicate_check import asked_type
    from qa.question_frames import question_frame
    from qa.spans import typed

    by_id = {g["id"]: g for g in gold}
    out = []
    for p in preds:
        g = by_id.get(p.get("id"))
        if g is None or g["kind"] == "claim":
            continue
        qf = question_frame(p["question"])
        noun = asked_type(parsed(p["question"]), qf, True)
        if not (typed(qf) or noun) or qf.wants_list:
            continue
        ans = g["kind"] != "unanswerable"
        if not p.get("answerable"):
            out.append((g["id"], qf.answer_type.name, noun or "", "refused" if ans else "caught", ""))
            continue
        short, quote = p.get("short_answer") or "", _quote(p)
        outcome = "nospan" if short == quote else "span"
        if not ans:
            out.append((g["id"], qf.answer_type.name, noun or "", f"unans-{outcome}", ""))
            continue
        aliases, every = gold_aliases(g), g.get("all_aliases", False)
        if alias_match(short, aliases, every) and outcome == "span":
            out.append((g["id"], qf.answer_type.name, noun or "", "right", ""))
            continue
        outcome = outcome if outcome == "nospan" else "wrong"
        reason = why(p["question"], quote, aliases) if alias_match(quote, aliases, every) else "not-in-sentence"
        out.append((g["id"], qf.answer_type.name, noun or "", outcome, reason))
    return out


def run(store: str, sets: list[str], seeds: Path, out: Path, grid_args: list[str]) -> None:
    """Answer the non-claim items of ``sets`` (tune sets only) under each setting of the grid (``qa.config.Config``
    fields, ``qa.eval.rtqa_grid.grid``) and write OUT/<setting>/<set>.jsonl predictions; print one line per setting
    and set (answerable right / refused, unanswerable caught)."""
    from dataclasses import fields, replace

    from qa.config import SPANS, Config, SpanConfig
    from qa.engine import Engine
    from qa.eval.metrics import judge
    from qa.eval.rtqa_grid import grid

    base = Engine(store).warm()
    for changes in grid(grid_args):
        name = ",".join(f"{k}={v}" for k, v in changes.items()) or "default"
        spans = {f.name for f in fields(SpanConfig)}
        engine = Engine(store, config=Config().with_(**{k: v for k, v in changes.items() if k not in spans}),
                        span_config=replace(SPANS, **{k: v for k, v in changes.items() if k in spans}))
        engine._store, engine._words, engine._names, engine._frames = base._store, base._words, base._names, base._frames
        tot = collections.Counter()
        for s in sets:
            items = [g for g in read_jsonl(seeds / f"{s}.jsonl") if g["kind"] != "claim"]
            (out / name).mkdir(parents=True, exist_ok=True)
            c = collections.Counter()
            with open(out / name / f"{s}.jsonl", "w", encoding="utf-8") as f:
                for g in items:
                    pred = engine.ask(g["question"]).to_dict()
                    pred["id"] = g["id"]
                    f.write(json.dumps(pred) + "\n")
                    ok = bool(judge(g, pred, None)["answer_correct"])
                    if g["kind"] == "unanswerable":
                        c["unans"] += 1
                        c["caught"] += ok
                    else:
                        c["answerable"] += 1
                        c["right"] += ok
                        c["refused"] += not pred.get("answerable")
            tot += c
            print(f"{name}\t{s}\tright {c['right']}/{c['answerable']} refused {c['refused']} caught {c['caught']}/{c['unans']}",
                  flush=True)
        print(f"{name}\tsum\tright {tot['right']}/{tot['answerable']} refused {tot['refused']} caught {tot['caught']}/{tot['unans']}",
              flush=True)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m qa.eval.typed_spans", description=__doc__.split("\n\n")[0])
    p.add_argument("--gold", type=Path, action="append", default=[])
    p.add_argument("--pred", type=Path, action="append", default=[])
    p.add_argument("--items", action="store_true", help="print one line per item")
    p.add_argument("--run", action="store_true", help="answer --sets under each --grid setting into --out first")
    p.add_argument("--store")
    p.add_argument("--seeds", type=Path, default=Path("seeds"))
    p.add_argument("--sets", default="gold_v3,gold_v4,gold_v5,gold_v6,gold_v7", help="tune sets only")
    p.add_argument("--out", type=Path)
    p.add_argument("--grid", nargs="*", default=[])
    a = p.parse_args(argv)
    if a.run:
        run(a.store, a.sets.split(","), a.seeds, a.out, a.grid)
        return 0
    if len(a.gold) != len(a.pred):
        p.error("give --gold and --pred in pairs")
    counts: collections.Counter = collections.Counter()
    reasons: collections.Counter = collections.Counter()
    for gold, pred in zip(a.gold, a.pred):
        for item in outcomes(list(read_jsonl(gold)), list(read_jsonl(pred))):
            if a.items:
                print(*item, sep="\t")
            counts[item[3]] += 1
            if item[4]:
                reasons[f"{item[1]}/{item[3]}/{item[4]}"] += 1
    print(json.dumps(dict(counts)))
    for k, v in sorted(reasons.items(), key=lambda t: -t[1]):
        print(f"{v}\t{k}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
