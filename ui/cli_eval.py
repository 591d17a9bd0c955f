"""``factqa eval`` (score the engine on a gold file) and ``factqa bench prepare`` (benchmark data).

Bad input (a missing or malformed gold file, a missing store or data folder) is a one-line
``Error: ...`` on stderr with exit code 2.
"""
from __future__ import annotations

from pathlib import Path

import click

from qa.eval.bench import ENV_DATA, NAMES, SPLITS
from qa.eval.baseline import MODES
from ui.cli import _store, _store_option, fail

HEADLINE = (
    ("answer_accuracy", "answer accuracy", "answer_n"),
    ("recall@5", "recall@5", "retrieval_n"),
    ("mrr@10", "MRR@10", "retrieval_n"),
    ("citation_validity", "citation validity", "citations_n"),
    ("citation_support", "citation support", "support_items_n"),
    ("abstention_precision", "abstention precision", "answer_n"),
    ("abstention_recall", "abstention recall", "answer_n"),
    ("verdict_accuracy", "verdict accuracy", "claims_n"),
    ("verdict_macro_f1", "verdict macro-F1", "claims_n"),
)


def headline(result: dict) -> list[str]:
    """The lines ``factqa eval`` prints: the main metrics that apply to this gold file."""
    ov = result["overall"]
    lines = [f"{ov['n']} items, {ov['errors']} errors"]
    for key, label, n_key in HEADLINE:
        if ov.get(key) is not None:
            lines.append(f"{label:<22}{ov[key]:.3f}  (n={ov[n_key]})")
    if ov.get("latency_p50_ms") is not None:
        lines.append(f"{'latency p50 / p95':<22}{ov['latency_p50_ms']:.0f} / {ov['latency_p95_ms']:.0f} ms")
    cf = result.get("counterfactual")
    if cf and cf["n"]:
        lines.append(f"{'planted false answer':<22}repeated {cf['repeated_false']:.3f}, "
                     f"flagged {cf['flagged_conflict']:.3f}, correct only {cf['correct_only']:.3f}")
    return lines


@click.command("eval")
@click.option("--gold", "gold", type=click.Path(path_type=Path), required=True,
              help="Gold JSONL file (one question or claim per line).")
@_store_option
@click.option("--out", "out", type=click.Path(path_type=Path), default=Path("out/eval"), show_default=True,
              help="Folder for predictions.jsonl, metrics.json, report.md and metrics.png.")
@click.option("--mode", "mode", type=click.Choice(MODES), default="hybrid", show_default=True,
              help="Retrieval mode of the engine (hybrid, dense, bm25), or the simple BM25 'baseline' "
                   "(qa/eval/baseline.py). Recorded in metrics.json.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
def eval_cmd(gold: Path, store: Path | None, out: Path, mode: str, quiet: bool) -> None:
    """Answer every gold item with the engine and report accuracy, retrieval and citation metrics."""
    from index.errors import FactqaIndexError
    from qa.eval.benchmarks import annotate_run
    from qa.eval.evaluate import load_gold, run_eval

    if not gold.is_file():
        fail(f"gold file {gold} not found")
    try:
        load_gold(gold)  # validate before loading any model
    except (OSError, ValueError) as exc:
        fail(str(exc))
    from qa.eval.baseline import make_engine, store_model

    engine = make_engine(_store(store), mode)
    try:
        engine.warm()  # a missing store fails here, and the model load is not timed as a question
    except FactqaIndexError as exc:
        fail(str(exc))
    result = run_eval(gold, ask=engine.ask, check=engine.check, article_text=engine.article_text,
                      out_dir=out, progress=not quiet)
    result = annotate_run(out, result, mode=mode, model=store_model(engine))
    click.echo(f"mode {mode}, model {result['model']}")
    for line in headline(result):
        click.echo(line)
    click.echo(f"report: {out / 'report.md'}")


@click.group("bench")
def bench_group() -> None:
    """Turn the shared benchmark data into a corpus and a gold file."""


@bench_group.command("prepare")
@click.argument("name", type=click.Choice(NAMES))
@click.option("--split", type=click.Choice(SPLITS), required=True,
              help="tune: for tuning; report: for reported numbers only (never tune on it).")
@click.option("--out", "out", type=click.Path(path_type=Path), default=None,
              help="Output folder (default: out/bench/NAME-SPLIT).")
@click.option("--data", "data", type=click.Path(path_type=Path), default=None,
              help=f"Shared eval data folder (default: ${ENV_DATA} or ../shared/eval).")
def prepare_cmd(name: str, split: str, out: Path | None, data: Path | None) -> None:
    """Write OUT/corpus.jsonl and OUT/gold.jsonl for one benchmark split."""
    from qa.eval.bench import prepare

    out = out or Path("out/bench") / f"{name}-{split}"
    try:
        summary = prepare(name, split, out, data_dir=data)
    except (OSError, ValueError, KeyError) as exc:
        fail(f"{name}: {exc}")
    click.echo(f"{name} {split}: {summary['corpus']} articles, {summary['gold']} gold items "
               f"({', '.join(f'{k} {v}' for k, v in summary['kinds'].items())})")
    if summary["verdicts"]:
        click.echo("verdicts: " + ", ".join(f"{k} {v}" for k, v in summary["verdicts"].items()))
    for note in summary["notes"]:
        click.echo(f"note: {note}")
    click.echo(f"next: factqa index build {out / 'corpus.jsonl'} --store {out / 'store'}\n"
               f"      factqa eval --gold {out / 'gold.jsonl'} --store {out / 'store'} --out {out / 'eval'}")
