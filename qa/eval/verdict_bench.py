"""Verdict benchmarks: the engine's ``check`` on the report splits of AVeriTeC, Climate-FEVER and
SciFact, next to the majority label and the BM25 top-sentence baseline measured in the same run;
and ``check`` latency on the seed store.

    python -m qa.eval.benchmarks verdicts      # -> docs/bench/<dataset>-<mode>/, docs/bench/verdicts.{json,md}

Report splits only (AVeriTeC claims 200-499, Climate-FEVER claim_id >= 500, SciFact dev); the model
was fitted on the tune splits by ``python -m qa.eval.train_verdict``. The majority label is the most
common verdict of the split's *tune* half (chosen without looking at the report labels) and,
for reference, of the report half itself.
"""
from __future__ import annotations

import json
import time
from collections import Counter
from pathlib import Path

VERDICT_DATASETS = ("averitec", "climate-fever", "scifact", "seed")  # seed: check latency on the seed store
VERDICT_MODES = ("hybrid", "baseline")


def _labels(gold: Path) -> list[str]:
    return [json.loads(line)["verdict"] for line in gold.open(encoding="utf-8") if line.strip()]


def majority(gold_report: Path, gold_tune: Path | None) -> dict:
    """Accuracy and macro-F1 of always answering one label: the tune split's majority, and the report's."""
    from qa.eval.metrics import VERDICTS, macro_f1

    gold = _labels(gold_report)
    out = {}
    for name, path in (("tune_majority", gold_tune), ("report_majority", gold_report)):
        if path is None or not path.is_file():
            continue
        label = Counter(_labels(path)).most_common(1)[0][0]
        pred = [label] * len(gold)
        out[name] = {"label": label, "accuracy": round(sum(p == g for p, g in zip(pred, gold)) / len(gold), 3),
                     "macro_f1": round(macro_f1(pred, gold, VERDICTS), 3)}
    return out


def check_latency(store: Path, claims: list[dict]) -> dict:
    """Warm ``check`` latency: store, model and slot frames loaded, two untimed claims first; and how
    many of the gold ``claims`` get their verdict (or one in ``accept``)."""
    import os

    from qa.engine import Engine
    from qa.eval.metrics import percentile

    engine = Engine(store)
    engine.warm()
    for c in claims[:2]:
        engine.check(c["question"])
    ms, right = [], 0
    for c in claims:
        t = time.perf_counter()
        got = engine.check(c["question"]).verdict
        ms.append((time.perf_counter() - t) * 1000)
        right += got == c["verdict"] or got in (c.get("accept") or [])
    return {"n": len(ms), "p50_ms": round(percentile(ms, 50), 1), "p95_ms": round(percentile(ms, 95), 1),
            "loadavg_1m": round(os.getloadavg()[0], 2), "verdicts_right": right}


def verdict_bench(out: Path, work: Path, datasets: tuple[str, ...] = VERDICT_DATASETS,
                  modes: tuple[str, ...] = VERDICT_MODES, model_min_p: float | None = None) -> dict:
    """``model_min_p``: run the engine with this ``VerdictConfig.model_min_probability`` instead of the
    default, into ``docs/bench/<dataset>-hybrid-p<value>/`` (rows ``<dataset> (p>=value)``)."""
    if model_min_p is not None:
        return _variant(out, work, datasets, model_min_p)
    from qa.eval.benchmarks import ROOT, SEEDS, _write_json, ensure_store, environment, prepared, run_one

    bench = out / "bench"
    path = bench / "verdicts.json"

    def save(key: str, value: dict) -> dict:  # re-read first: several runs may share the file
        summary = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {"runs": {}}
        if key == "seed_check_latency":
            summary[key] = value
        else:
            summary.setdefault("runs", {})[key] = value
        summary = {**summary, "command": "python -m qa.eval.benchmarks verdicts", "environment": environment()}
        _write_json(path, summary)
        (bench / "verdicts.md").write_text(render(summary), encoding="utf-8")
        return summary

    summary: dict = {}
    for name in datasets:
        if name == "seed":
            continue
        d = prepared(name, work)
        tune = prepared(name, work, "tune")
        store = ensure_store(d / "corpus.jsonl", d / "store-minilm", "minilm")
        row = {"split": "report", "claims": len(_labels(d / "gold.jsonl")), **majority(d / "gold.jsonl", tune / "gold.jsonl")}
        for mode in modes:
            res = run_one(d / "gold.jsonl", store, mode, bench / f"{name}-{mode}", split="report")
            ov = res["overall"]
            row[mode] = {"accuracy": _r(ov["verdict_accuracy"]), "macro_f1": _r(ov["verdict_macro_f1"]),
                         "predicted": {k: v["predicted"] for k, v in (ov.get("verdict_per_class") or {}).items()},
                         "latency_p50_ms": _r(ov["latency_p50_ms"], 1)}
        summary = save(name, row)
    if "seed" in datasets:
        seed_store = ensure_store(SEEDS, work / "seed" / "store-minilm", "minilm")
        claims = [json.loads(line) for line in (ROOT / "seeds" / "gold.jsonl").open(encoding="utf-8")
                  if line.strip() and json.loads(line)["kind"] == "claim"]
        summary = save("seed_check_latency", check_latency(seed_store, claims))
    return summary


def _variant(out: Path, work: Path, datasets: tuple[str, ...], p: float) -> dict:
    from qa.config import VerdictConfig
    from qa.engine import Engine
    from qa.eval.benchmarks import _write_json, annotate_run, ensure_store, prepared
    from qa.eval.evaluate import run_eval

    path = out / "bench" / "verdicts.json"
    summary = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {"runs": {}}
    for name in (d for d in datasets if d != "seed"):
        d = prepared(name, work)
        store = ensure_store(d / "corpus.jsonl", d / "store-minilm", "minilm")
        engine = Engine(store, verdict_config=VerdictConfig(model_min_probability=p))
        engine.warm()
        od = out / "bench" / f"{name}-hybrid-p{p:g}"
        res = annotate_run(od, run_eval(d / "gold.jsonl", ask=engine.ask, check=engine.check,
                                        article_text=engine.article_text, out_dir=od, progress=False),
                           mode="hybrid", model=engine.store.manifest.get("model"), split="report",
                           model_min_probability=p)
        ov = res["overall"]
        summary.setdefault("variants", {})[f"{name} (p>={p:g})"] = {
            "accuracy": _r(ov["verdict_accuracy"]), "macro_f1": _r(ov["verdict_macro_f1"]),
            "predicted": {k: v["predicted"] for k, v in (ov.get("verdict_per_class") or {}).items()}}
        _write_json(path, summary)
    return summary


def _r(v, nd: int = 3):
    return None if v is None else round(v, nd)


def render(summary: dict) -> str:
    lines = ["# Verdicts on report splits", "", f"Command: `{summary['command']}` (all rows: report splits; "
             "the verdict model was fitted on tune splits only).", "",
             "| dataset (report split) | claims | majority (tune label) acc / F1 | majority (report label) acc / F1 "
             "| BM25 top sentence acc / F1 | factqa acc / F1 |", "|---|---|---|---|---|---|"]
    for name, r in summary.get("runs", {}).items():
        def cell(key):
            v = r.get(key)
            if not v:
                return "–"
            lab = f" ({v['label']})" if "label" in v else ""
            return f"{v['accuracy']:.3f} / {v['macro_f1']:.3f}{lab}"
        lines.append(f"| {name} | {r['claims']} | {cell('tune_majority')} | {cell('report_majority')} | "
                     f"{cell('baseline')} | {cell('hybrid')} |")
    lat = summary.get("seed_check_latency")
    if lat:
        lines += ["", f"`check` on the seed store, warm: p50 {lat['p50_ms']} ms, p95 {lat['p95_ms']} ms over "
                  f"{lat['n']} claims (load average {lat['loadavg_1m']}); verdicts right: "
                  f"{lat.get('verdicts_right', '–')}/{lat['n']}."]
    return "\n".join(lines) + "\n"
