"""RealTimeQA: the engine and the BM25 top-sentence baseline on one split, in one run, side by side.

    python -m qa.eval.realtimeqa_run --split report --out docs/bench --label old-engine
    python -m qa.eval.realtimeqa_run --split tune --out /tmp/rtqa-tune      # for tuning; not a result

Writes ``OUT/realtimeqa-<split>-<label>-<mode>/`` (``run_eval`` outputs) for each mode and
``OUT/realtimeqa-<split>-<label>.{json,md}``: overall accuracy, accuracy and refusal rate on the
answerable questions, and the share of unanswerable questions caught. The data comes from
``qa.eval.bench.realtimeqa.prepare`` with its default: questions without search results are
``unanswerable`` (expected answer: not in the corpus) and nothing is planted in the corpus; a
prepared folder made with another setting is prepared again. Prepared data and the store live
in ``--work`` (default ``$FACTQA_BENCH_WORK`` or ``<tmp>/factqa-bench``) and are reused.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from qa.eval.bench.common import SPLITS

MODES = ("hybrid", "baseline")
ROW_KEYS = ("n", "errors", "answer_accuracy", "answerable_n", "answerable_accuracy", "answerable_refusal_rate",
            "unanswerable_n", "unanswerable_caught", "recall@5", "mrr@10", "latency_p50_ms")
HEADERS = {"answer_accuracy": "overall acc.", "answerable_accuracy": "acc. on answerable",
           "answerable_refusal_rate": "refused (answerable)", "unanswerable_caught": "unanswerable caught",
           "recall@5": "recall@5", "mrr@10": "MRR@10", "latency_p50_ms": "p50 ms"}


def prepared_realtimeqa(work: Path, split: str) -> Path:
    """``work/realtimeqa-<split>`` prepared with the adapter's default (nothing planted)."""
    from qa.eval.bench import realtimeqa

    out = work / f"realtimeqa-{split}"
    summary = out / "summary.json"
    try:
        fresh = json.loads(summary.read_text(encoding="utf-8")).get("no_results") == "unanswerable"
    except (OSError, ValueError):
        fresh = False
    if not (fresh and (out / "gold.jsonl").is_file() and (out / "corpus.jsonl").is_file()):
        realtimeqa.prepare(split, out)
    return out


def row(result: dict) -> dict:
    ov = result["overall"]
    return {k: ov.get(k) for k in ROW_KEYS}


def _cell(key: str, value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.1f}" if key.endswith("_ms") else f"{value:.3f}"
    return str(value)


def render(table: dict) -> str:
    first = next(iter(table["rows"].values()))
    lines = [f"# RealTimeQA {table['split']} weeks ({', '.join(table['weeks'])}), {table['label']}", "",
             f"{first['n']} questions: {first['answerable_n']} answerable, {first['unanswerable_n']} without search "
             "results, counted as unanswerable (expected answer: not in the corpus; nothing planted in the corpus).",
             f"Split: **{table['split']}** ({'tune here only' if table['split'] == 'tune' else 'never tuned on'}).",
             "", "| system | " + " | ".join(HEADERS[k] for k in HEADERS) + " |", "|---" * (len(HEADERS) + 1) + "|"]
    for mode, r in table["rows"].items():
        name = "BM25 top-sentence baseline" if mode == "baseline" else f"factqa {mode}"
        lines.append(f"| {name} | " + " | ".join(_cell(k, r.get(k)) for k in HEADERS) + " |")
    lines += ["", f"Command: `{table['command']}`", "",
              f"Commit {table['environment'].get('git_commit')}, {table['environment'].get('measured_at')}, "
              f"load average {table['environment'].get('loadavg_1m')} at the end.", ""]
    return "\n".join(lines)


def run(split: str, out: Path, work: Path, label: str, modes: tuple[str, ...] = MODES) -> dict:
    from qa.eval.bench.realtimeqa import WEEKS
    from qa.eval.benchmarks import _write_json, ensure_store, environment, run_one

    data = prepared_realtimeqa(work, split)
    store = ensure_store(data / "corpus.jsonl", data / "store-minilm", "minilm")
    rows: dict[str, dict] = {}
    for mode in modes:
        result = run_one(data / "gold.jsonl", store, mode, out / f"realtimeqa-{split}-{label}-{mode}",
                         split=split, label=label)
        rows[mode] = row(result)
    table = {"split": split, "weeks": list(WEEKS[split]), "label": label, "rows": rows,
             "command": "python -m qa.eval.realtimeqa_run " + " ".join(sys.argv[1:]),
             "environment": environment()}
    _write_json(out / f"realtimeqa-{split}-{label}.json", table)
    (out / f"realtimeqa-{split}-{label}.md").write_text(render(table), encoding="utf-8")
    return table


def main(argv: list[str] | None = None) -> int:
    from index.offline import set_defaults

    set_defaults()
    p = argparse.ArgumentParser(prog="python -m qa.eval.realtimeqa_run", description=__doc__.split("\n\n")[0])
    p.add_argument("--split", required=True, choices=SPLITS, help="tune: for tuning; report: reported numbers only")
    p.add_argument("--out", type=Path, required=True, help="folder for the per-mode runs and the table")
    p.add_argument("--work", type=Path, default=None,
                   help="prepared data and store (default: $FACTQA_BENCH_WORK or <tmp>/factqa-bench)")
    p.add_argument("--label", default="engine", help="names this engine's runs, e.g. old-engine (default: %(default)s)")
    p.add_argument("--modes", default=",".join(MODES), help="comma-separated engine modes (default: %(default)s)")
    a = p.parse_args(argv)
    from qa.eval.baseline import MODES as ALL
    from qa.eval.benchmarks import default_work

    modes = tuple(m.strip() for m in a.modes.split(",") if m.strip())
    bad = [m for m in modes if m not in ALL]
    if bad:
        p.error(f"unknown mode {bad[0]!r}; choose from {', '.join(ALL)}")
    work = a.work or default_work()
    work.mkdir(parents=True, exist_ok=True)
    t = time.perf_counter()
    table = run(a.split, a.out, work, a.label, modes)
    print(render(table))
    print(f"({time.perf_counter() - t:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
