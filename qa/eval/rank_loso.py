"""End-to-end leave-one-set-out of the evidence ranker (``qa.rank``): for each tune set held out, fit the ranker
on every other tune set (``qa.eval.train_rank.fit``, the committed weights' C / keep_first / mode), then answer
the held-out set with the ranker off and with that fit on, and count what changed.

    python -m qa.eval.rank_loso --seed-store /tmp/s12-final-seed --rtqa-work /tmp/rank-rtqa \\
        [--cache F] [--out docs/eval/s16-rank/loso.md]

Held-out sets (tune splits only): ``seeds/gold_v3..gold_v10.jsonl`` one at a time, and the RealTimeQA tune
weeks together (all four weeks out of the fit). ``seeds/gold.jsonl`` (in-sample for the hand rules, never in
the ranker's training) is answered with the fit on every tune set, as shipped. Per set: answerable right,
answerable refused, unanswerable caught, claims right, off -> on, and the items gained and lost. Off and on
differ only in ``qa.answer``'s ranker call (replaced here by one with the ranker off, or on with the held-out
fit), so both runs share the engine and its caches. The RealTimeQA weeks are scored as ``qa.eval.rtqa_grid``
scores them (the answer holds the right choice; each question asked on its quiz date).
"""
from __future__ import annotations

import argparse
import contextlib
import json
import logging
import sys
from dataclasses import replace
from pathlib import Path

log = logging.getLogger(__name__)
ROOT = Path(__file__).resolve().parents[2]


@contextlib.contextmanager
def ranker(model, second: str = ""):
    """``qa.answer``'s ranker call with the ranker off (``model`` None) or on with ``model`` (``second``: the second
    sentence model its features read, ``RankConfig.second_model``)."""
    import qa.answer
    from qa.config import RANK
    from qa.rank import rerank

    saved = qa.answer.rerank
    on = replace(RANK, enabled=True, second_model=second or RANK.second_model)

    def call(*args, cfg=RANK, **kw):
        if model is None:
            return args[2]  # the evidence, hand order
        return rerank(*args, cfg=on, model=model, **kw)

    qa.answer.rerank = call
    try:
        yield
    finally:
        qa.answer.rerank = saved


def _counts(judged: list[dict]) -> dict:
    ans = [j for j in judged if j["kind"] not in ("claim", "unanswerable")]
    return {"answerable_n": len(ans), "answerable_right": sum(j["answer_correct"] for j in ans),
            "refused": sum(j["abstained"] for j in ans),
            "unanswerable_n": sum(j["kind"] == "unanswerable" for j in judged),
            "unanswerable_caught": sum(j["abstained"] for j in judged if j["kind"] == "unanswerable"),
            "claims_n": sum(j["kind"] == "claim" for j in judged),
            "claims_right": sum(j["verdict_correct"] for j in judged if j["kind"] == "claim")}


def _right(j: dict) -> bool:
    return bool(j["verdict_correct"] if j["kind"] == "claim" else j["answer_correct"])


def seed_set(engine, path: Path, model, second: str = "", base=None) -> dict:
    """Counts off and on, and the ids gained and lost, for one seed gold file (``base``: the model "off" answers
    with; None: the ranker off)."""
    from qa.eval.evaluate import judge_all, load_gold, predict_one

    gold = load_gold(path)
    runs = {}
    for name, m in (("off", base), ("on", model)):
        with ranker(m, second):
            preds = [predict_one(g, engine.ask, engine.check) for g in gold]
        runs[name] = judge_all(gold, preds, None)
    return _compare(runs["off"], runs["on"])


def _compare(off: list[dict], on: list[dict]) -> dict:
    return {"off": _counts(off), "on": _counts(on),
            "gained": [a["id"] for a, b in zip(off, on) if not _right(a) and _right(b)],
            "lost": [a["id"] for a, b in zip(off, on) if _right(a) and not _right(b)]}


def rtqa(engine, gold: list[dict], model, second: str = "", base=None) -> dict:
    """The RealTimeQA tune weeks off and on, judged as ``qa.eval.rtqa_grid`` judges them."""
    from qa.eval import metrics as M
    from qa.eval.evaluate import item_date

    found = [engine._search(g["question"], None, item_date(g)) for g in gold]
    runs = {}
    for name, m in (("off", base), ("on", model)):
        judged = []
        with ranker(m, second):
            for g, f in zip(gold, found):
                out = engine._compose(f)
                j = {"id": g["id"], "kind": "unanswerable" if g["kind"] == "unanswerable" else "factoid",
                     "abstained": not out.answerable}
                j["answer_correct"] = (not out.answerable if g["kind"] == "unanswerable"
                                       else out.answerable and M.alias_match(out.answer, [g["answer"]]))
                judged.append(j)
        runs[name] = judged
    return _compare(runs["off"], runs["on"])


def render(rows: dict[str, dict], note: str, held_out: bool = True) -> str:
    def pair(r, key, n=None):
        a, b = r["off"][key], r["on"][key]
        tail = f"/{r['off'][n]}" if n else ""
        return f"{a}{tail} -> **{b}**" if a != b else f"{a}{tail} ="

    lines = [note, "", "| held-out set | split | answerable right off -> on | answerable refused | "
             "unanswerable caught | "
             "claims right | gained | lost |", "|---|---|---|---|---|---|---|---|"]
    for name, r in rows.items():
        split = ("in-sample (never in the ranker's data; fit on all tune sets)" if name == "gold" else
                 "tune, held out" if held_out else "tune; the weights file's model (in-sample if in its data)")
        claims = pair(r, "claims_right", "claims_n") if r["off"]["claims_n"] else "-"
        unans = pair(r, "unanswerable_caught", "unanswerable_n") if r["off"]["unanswerable_n"] else "-"
        lines.append(f"| {name} | {split} | {pair(r, 'answerable_right', 'answerable_n')} | {pair(r, 'refused')} | "
                     f"{unans} | {claims} | {', '.join(r['gained']) or '-'} | {', '.join(r['lost']) or '-'} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    from index.offline import set_defaults

    set_defaults()
    logging.basicConfig(level=logging.WARNING)
    p = argparse.ArgumentParser(prog="python -m qa.eval.rank_loso", description=__doc__.split("\n\n")[0])
    p.add_argument("--seed-store", type=Path, required=True, help="store built from seeds/")
    p.add_argument("--rtqa-work", type=Path, help="RealTimeQA work folder (as for qa.eval.rtqa_grid); without it the "
                   "ranker is fitted and judged on the seed sets only")
    p.add_argument("--cache", type=Path, help="extracted features (as for qa.eval.train_rank --cache)")
    p.add_argument("--weights", type=Path, default=ROOT / "qa" / "data" / "rank_weights.json",
                   help="the weights file whose C / keep_first / mode each held-out fit uses")
    p.add_argument("--out", type=Path, help="also write the table (markdown) and the rows (.json beside it)")
    p.add_argument("--fixed", action="store_true", help="answer every set with the weights file's own model (no "
                   "refit; in-sample for the sets in its data): the baseline a retrained ranker is compared with")
    p.add_argument("--sets", choices=("shipped", "all"), default="shipped", help="seed sets held out in turn: "
                   "shipped = train_rank.SEED_SETS (the shipped weights' data), all = ALL_SEED_SETS (with gold_v11)")
    p.add_argument("--rtqa-model", default="minilm", help="embedding model of the RealTimeQA tune store "
                   "(store-<model> in the work folder; built when missing): the seed store's model, to compare models")
    p.add_argument("--mix-store", type=Path, help="fit on the seed sets searched on this store too (train_rank "
                   "--mix-store), and answer the seed sets on it instead of the seed store")
    p.add_argument("--against-seed-fit", action="store_true", help="with --mix-store: \"off\" is not the ranker off "
                   "but the held-out fit without the mixed-store copies (the training data before session 19), so the "
                   "table shows what training on mixed-store candidates too adds")
    p.add_argument("--second", default="", help="fit and answer with a second sentence model's ranker features "
                   "(RankConfig.second_model, e.g. mpnet; qa.rank_second)")
    a = p.parse_args(argv)

    from qa.config import RANK
    from qa.eval import train_rank as T
    from qa.eval.baseline import make_engine
    from qa.eval.realtimeqa_run import prepared_realtimeqa
    from qa.rank import RankModel

    shipped = json.loads(a.weights.read_text(encoding="utf-8"))
    C, keep, prior, mode = shipped["C"], shipped["keep_first"], shipped.get("order_prior", 0.0), shipped["mode"]
    sets = T.ALL_SEED_SETS if a.sets == "all" else T.SEED_SETS
    data = {} if a.fixed else T._cached(a.cache, a.seed_store, a.rtqa_work, sets, a.rtqa_model, a.second,
                                        a.mix_store)[0]


    def model_without(held: str | None, mixed: bool = True):
        """Fitted on every tune set but ``held`` (a seed set, or every RealTimeQA week); with ``--fixed``, the
        weights file's model; ``mixed`` False: without the mixed-store copies of the seed sets."""
        if a.fixed:
            return RankModel.from_dict(shipped)
        out = (lambda s: s.startswith(T.RTQA)) if held == T.RTQA else (lambda s: T.group(s) == held)
        return RankModel.from_dict(T.fit(data, [s for s in data if not out(s) and (mixed or T.MIX not in s)], C, mode))

    def base_without(held: str | None):
        return model_without(held, mixed=False) if a.against_seed_fit else None

    if (keep, prior) != (RANK.keep_first, RANK.order_prior):
        raise SystemExit(f"the weights' keep_first / order_prior {keep} / {prior} are not RankConfig's "
                         f"{RANK.keep_first} / {RANK.order_prior}")
    rows: dict[str, dict] = {}
    engine = make_engine(a.mix_store or a.seed_store, "hybrid")
    engine.warm(vocabulary=False)
    for name in sets:
        rows[name] = seed_set(engine, ROOT / "seeds" / f"{name}.jsonl", model_without(name), a.second,
                              base_without(name))
        print(name, json.dumps({k: rows[name][k] for k in ("off", "on", "gained", "lost")}), flush=True)
    rows["gold"] = seed_set(engine, ROOT / "seeds" / "gold.jsonl", model_without(None), a.second, base_without(None))
    print("gold", json.dumps(rows["gold"]), flush=True)
    if a.rtqa_work is not None:
        folder = prepared_realtimeqa(a.rtqa_work, "tune")
        engine = make_engine(T.rtqa_store(folder, a.rtqa_model), "hybrid")
        engine.warm(vocabulary=False)
        gold = [json.loads(line) for line in (folder / "gold.jsonl").read_text(encoding="utf-8").splitlines() if line]
        rows[T.RTQA] = rtqa(engine, gold, model_without(T.RTQA), a.second, base_without(T.RTQA))
        print(T.RTQA, json.dumps(rows[T.RTQA]), flush=True)
    if a.fixed:
        note = (f"The weights file's own model on every set, end to end (`python -m qa.eval.rank_loso --fixed`; "
                f"{a.weights.name}: {mode}, C={C}, keep_first={keep}, order_prior={prior}; in-sample for the sets in "
                "its data): each set answered with the ranker off and on.")
    else:
        note = (f"Leave-one-set-out, end to end (`python -m qa.eval.rank_loso`; fit: {mode}, C={C}, "
                f"keep_first={keep}, order_prior={prior}, "
                "the shipped weights' choice): each tune set answered with the ranker off and with a ranker fitted on "
                "every other tune set (the RealTimeQA tune weeks held out together).")
    table = render(rows, note, held_out=not a.fixed)
    print(table)
    if a.out:
        a.out.parent.mkdir(parents=True, exist_ok=True)
        a.out.write_text(table + "\n", encoding="utf-8")
        a.out.with_suffix(".json").write_text(json.dumps(rows, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
