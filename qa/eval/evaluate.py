"""Evaluate factqa answers against a gold JSONL file: load, judge, aggregate, report.

Gold format (one JSON object per line; extra fields are kept)::

    {"id": str, "kind": "factoid"|"list"|"unanswerable"|"claim", "question": str,
     "answer": str, "aliases": [str], "all_aliases": bool, "verdict": str (claims),
     "accept": [verdicts], "sources": [doc_id], "evidence": [str]}

Metric definitions: ``DEFINITIONS`` below (also printed in ``report.md``).
"""
from __future__ import annotations

import json
import logging
import os
import time
from pathlib import Path
from typing import Any, Callable, Iterable

from tqdm import tqdm

from qa.eval import metrics as M
from qa.eval.bench.rgb import rgb_flags
from qa.types import VERDICTS, Answer

logger = logging.getLogger(__name__)

DEFINITIONS = """\
- answer accuracy, non-claim items: an answerable item is correct when the system answered
  (``answerable`` true) and ``alias_match(answer, aliases or [answer])``; an unanswerable item
  is correct when the system abstained (``answerable`` false).
- recall@k / MRR@10, items with ``sources``: a gold source among the first k distinct ``retrieved``
  doc ids / 1 / rank of the first gold source in the first 10 (0 if none).
- citation validity: share of citations with ``article_text(doc_id)[start:end] == quote``.
- citation support, items with ``evidence``: share of their citations whose quote overlaps a
  gold evidence string (``qa.eval.metrics.quote_supports``), and share of those items with at least
  one supporting citation.
- abstention precision/recall, non-claim items: positive = the system abstained; gold positive
  = kind ``unanswerable``.
- answerable accuracy / refusal rate: answer accuracy, and the share the system abstained on,
  over factoid and list items only (a refusal there is a false refusal); unanswerable caught:
  the share of ``unanswerable`` items abstained on (= abstention recall).
- per set / per style: gold items may carry a ``set`` label (``v2`` = the items added for issue
  10; items without one are ``v1``) and a ``style`` label (the kind of question: ``who-which``,
  ``paraphrase``, ...; items without one are ``-``). Every metric is also given per set and per
  style when the file has more than one of them.
- verdict accuracy, claims: the verdict equals ``verdict`` or is listed in ``accept``. Macro-F1
  over the four verdicts that occur in gold or predictions (a prediction in ``accept`` counts as
  the gold verdict).
- latency p50/p95: ``timings_ms.total`` of the predictions that have it.
- a prediction that raised an error counts as wrong, not retrieved, without citations and not
  an abstention.
- answer matching ignores case, accents, typographic quotes, punctuation and spacing, and
  compares numbers by value ("11,000" = "11000", "1.28 million" = "1,280,000").
- quote overlap: the quote contains the evidence, or they share a 30-character substring, or
  the F1 of their content-word sets (stop words removed) is at least 0.5 (``qa.eval.metrics``).
"""

KINDS = ("factoid", "list", "unanswerable", "claim")
GROUPS = {"set": "v1", "style": "-"}  # optional gold fields reported apart -> label of items without one


# ---------------------------------------------------------------- gold

def _check_str_list(rec: dict, key: str, where: str, allowed: Iterable[str] | None = None) -> list[str]:
    value = rec.get(key)
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"{where}: field '{key}' must be a list of strings, got {json.dumps(value)[:80]}")
    if allowed is not None:
        bad = [v for v in value if v not in allowed]
        if bad:
            raise ValueError(f"{where}: field '{key}' has {bad[0]!r}; allowed: {', '.join(allowed)}")
    return value


def validate_gold_item(rec: Any, where: str) -> dict:
    """Check one gold record and return a copy with optional fields defaulted."""
    if not isinstance(rec, dict):
        raise ValueError(f"{where}: expected a JSON object, got {type(rec).__name__}")
    for key in ("id", "question"):
        if not isinstance(rec.get(key), str) or not rec[key].strip():
            got = "missing" if key not in rec else f"got {json.dumps(rec[key])[:60]}"
            raise ValueError(f"{where}: field '{key}' must be a non-empty string ({got})")
    kind = rec.get("kind")
    if kind not in KINDS:
        raise ValueError(f"{where}: field 'kind' must be one of {', '.join(KINDS)}; got {json.dumps(kind)}")
    out = dict(rec)
    answer = rec.get("answer", "")
    if answer is None:
        answer = ""
    if not isinstance(answer, str):
        raise ValueError(f"{where}: field 'answer' must be a string, got {json.dumps(answer)[:60]}")
    out["answer"] = answer
    out["aliases"] = _check_str_list(rec, "aliases", where)
    if kind in ("factoid", "list") and not answer.strip() and not any(a.strip() for a in out["aliases"]):
        raise ValueError(f"{where}: field 'answer' is empty and there are no 'aliases'; a {kind} item needs one")
    all_aliases = rec.get("all_aliases", False)
    if not isinstance(all_aliases, bool):
        raise ValueError(f"{where}: field 'all_aliases' must be true or false, got {json.dumps(all_aliases)}")
    out["all_aliases"] = all_aliases
    verdict = rec.get("verdict")
    if kind == "claim" and verdict not in VERDICTS:
        raise ValueError(f"{where}: field 'verdict' must be one of {', '.join(VERDICTS)} for a claim; "
                         f"got {json.dumps(verdict)}")
    if verdict is not None and verdict not in VERDICTS:
        raise ValueError(f"{where}: field 'verdict' must be one of {', '.join(VERDICTS)}; got {json.dumps(verdict)}")
    out["verdict"] = verdict
    out["accept"] = _check_str_list(rec, "accept", where, allowed=VERDICTS)
    out["sources"] = _check_str_list(rec, "sources", where)
    out["evidence"] = _check_str_list(rec, "evidence", where)
    return out


def load_gold(path: str | Path) -> list[dict]:
    """Read and validate a gold JSONL file; ``ValueError`` names the line and field at fault."""
    path = Path(path)
    items: list[dict] = []
    first_line: dict[str, int] = {}
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            where = f"{path} line {lineno}"
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{where}: not valid JSON ({exc.msg} at column {exc.colno})") from None
            item = validate_gold_item(rec, where)
            if item["id"] in first_line:
                raise ValueError(f"{where}: field 'id' repeats {item['id']!r} (first on line {first_line[item['id']]})")
            first_line[item["id"]] = lineno
            items.append(item)
    if not items:
        raise ValueError(f"{path}: no gold items (expected one JSON object per line)")
    return items


def load_predictions(path: str | Path) -> list[dict]:
    """Read a ``predictions.jsonl`` written by ``run_eval``."""
    with Path(path).open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def judge_all(gold_items: list[dict], predictions: list[dict],
              article_text: Callable[[str], str | None] | None = None) -> list[dict]:
    """``qa.eval.metrics.judge`` for every gold item; each article text is fetched once."""
    by_id = {p.get("id"): p for p in predictions}
    cache: dict[str, str | None] = {}

    def cached_text(doc_id: str) -> str | None:
        if doc_id not in cache:
            cache[doc_id] = article_text(doc_id)  # type: ignore[misc]
        return cache[doc_id]

    text_fn = cached_text if article_text is not None else None
    return [M.judge(item, by_id.get(item["id"]), text_fn) for item in gold_items]


def score(gold_items: list[dict], predictions: list[dict], *,
          article_text: Callable[[str], str | None] | None = None) -> dict:
    """Metrics overall and per kind (definitions: ``DEFINITIONS``).

    ``gold_items`` come from ``load_gold``; ``predictions`` are dicts with ``id`` plus
    ``Answer.to_dict()`` keys, or ``{"id", "error"}``; a gold id without one counts as failed.
    Gold items with a ``false_answer`` (RGB) add a ``counterfactual`` block (``rgb_flags``).
    """
    return _summarise(judge_all(gold_items, predictions, article_text), gold_items, predictions)


def _summarise(judged: list[dict], gold_items: list[dict], predictions: list[dict]) -> dict:
    result: dict[str, Any] = {"overall": M.aggregate(judged), "by_kind": {}}
    for kind in KINDS:
        subset = [j for j in judged if j["kind"] == kind]
        if subset:
            result["by_kind"][kind] = M.aggregate(subset)
    for field, default in GROUPS.items():
        labels = [str(item.get(field) or default) for item in gold_items]
        if len(set(labels)) > 1:
            result[f"by_{field}"] = {name: M.aggregate([j for j, lab in zip(judged, labels) if lab == name])
                                     for name in sorted(set(labels))}
    if any(item.get("false_answer") for item in gold_items):
        result["counterfactual"] = rgb_flags(predictions, gold_items)
    return result


# ---------------------------------------------------------------- running

def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def item_date(item: dict):
    """The day a gold item's question was asked (``question_date``, ISO), or None."""
    import datetime as dt

    raw = item.get("question_date")
    try:
        return dt.date.fromisoformat(str(raw)[:10]) if raw else None
    except ValueError:
        return None


def predict_one(item: dict, ask: Callable[[str], Answer], check: Callable[[str], Answer]) -> dict:
    """Run one gold item; an exception becomes ``{"id", "question", "mode", "error"}``."""
    mode = "check" if item["kind"] == "claim" else "ask"
    try:
        as_of = item_date(item)
        if mode == "ask" and as_of is not None:  # the day the question was asked (RealTimeQA: the quiz's date)
            answer = ask(item["question"], as_of=as_of)
        else:
            answer = (check if mode == "check" else ask)(item["question"])
        return {"id": item["id"], **answer.to_dict()}
    except Exception as exc:  # one bad item must not stop a long run
        logger.warning("item %s failed: %s: %s", item["id"], type(exc).__name__, exc)
        return {"id": item["id"], "question": item["question"], "mode": mode,
                "error": f"{type(exc).__name__}: {exc}"}


def run_eval(gold_path: str | Path, *, ask: Callable[[str], Answer], check: Callable[[str], Answer],
             article_text: Callable[[str], str | None] | None, out_dir: str | Path,
             progress: bool = True) -> dict:
    """Answer every gold item (claims via ``check``, the rest via ``ask``), score, and write
    ``predictions.jsonl``, ``metrics.json``, ``report.md`` and ``metrics.png`` into ``out_dir``."""
    gold = load_gold(gold_path)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    preds_path = out / "predictions.jsonl"
    tmp = preds_path.with_name(preds_path.name + ".tmp")
    predictions = []
    started = time.perf_counter()
    with tmp.open("w", encoding="utf-8") as fh:  # streamed, so a long run can be watched
        for item in tqdm(gold, desc="eval", unit="item", disable=not progress):
            pred = predict_one(item, ask, check)
            predictions.append(pred)
            fh.write(json.dumps(pred, ensure_ascii=False) + "\n")
            fh.flush()
    os.replace(tmp, preds_path)
    judged = judge_all(gold, predictions, article_text)
    result = _summarise(judged, gold, predictions)
    result["gold"] = str(gold_path)
    result["wall_s"] = round(time.perf_counter() - started, 3)
    plot_metrics(result, out / PLOT_NAME, title=Path(gold_path).name)
    _write_atomic(out / "metrics.json", json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    _write_atomic(out / "report.md", render_report(result, gold, predictions, judged))
    logger.info("evaluation of %d items written to %s", len(gold), out)
    return result


# ---------------------------------------------------------------- report

PLOT_NAME = "metrics.png"
PLOT_METRICS = ("answer_accuracy", "recall@5", "mrr@10", "citation_validity", "citation_support",
                "verdict_accuracy", "verdict_macro_f1")
TABLE_METRICS = ("n", "errors", "answer_n", "answer_accuracy", "short_answer_accuracy",
                 "retrieval_n", "recall@1", "recall@3", "recall@5", "recall@10", "mrr@10",
                 "citations_n", "citation_validity", "support_items_n", "citation_support", "items_with_support",
                 "abstention_precision", "abstention_recall", "abstention_rate",
                 "answerable_n", "answerable_accuracy", "answerable_refusal_rate", "unanswerable_n",
                 "unanswerable_caught",
                 "claims_n", "verdict_accuracy", "verdict_macro_f1", "latency_p50_ms", "latency_p95_ms")
MAX_FAILED_LISTED = 500


def _fmt(value: Any, key: str = "") -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.1f}" if key.endswith("_ms") else f"{value:.3f}"
    return str(value)


def _one_line(text: Any, limit: int = 200) -> str:
    text = " ".join(str(text or "").split()).replace("|", "\\|")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _table(columns: dict[str, dict], rows: Iterable[str]) -> list[str]:
    lines = ["| metric | " + " | ".join(columns) + " |", "|---" * (len(columns) + 1) + "|"]
    for row in rows:
        values = [block.get(row) for block in columns.values()]
        if all(v is None for v in values) or (row.endswith("_n") and not any(values)):
            continue  # a metric that applies to none of these items
        lines.append(f"| {row} | " + " | ".join(_fmt(block.get(row), row) for block in columns.values()) + " |")
    return lines


def _expected(item: dict) -> str:
    if item["kind"] == "claim":
        return " or ".join([item["verdict"], *item["accept"]])
    if item["kind"] == "unanswerable":
        return "(abstain: not in the corpus)"
    shown = []
    for alias in M.gold_aliases(item):
        first, *more = alias.split("|")
        shown.append(first + (f" (or {len(more)} other spellings)" if more else ""))
    return (" and " if item["all_aliases"] else " / ").join(shown)


def _got(pred: dict | None) -> str:
    if pred is None:
        return "(no prediction)"
    if "error" in pred:
        return f"ERROR {pred['error']}"
    if pred.get("mode") == "check":
        return f"{pred.get('verdict')}: {pred.get('reason') or pred.get('answer') or ''}"
    text = pred.get("short_answer") or pred.get("answer") or ""
    return text if pred.get("answerable") else f"(abstained) {text}"


def render_report(result: dict, gold: list[dict], predictions: list[dict], judged: list[dict]) -> str:
    """Markdown: overall and per-kind tables, the plot, definitions, and the failed items."""
    lines = [f"# factqa evaluation: `{result.get('gold', 'gold')}`", ""]
    ov = result["overall"]
    lines += [f"{ov['n']} items, {ov['errors']} errors, {result.get('wall_s', '–')} s wall time.", "",
              "## Overall and per kind", ""]
    lines += _table({"overall": ov, **result["by_kind"]}, TABLE_METRICS)
    lines += ["", f"![main metrics per kind]({PLOT_NAME})", ""]
    for field, default in GROUPS.items():
        if result.get(f"by_{field}"):
            lines += [f"## Per {field}", "", f"Items without a `{field}` field are `{default}`.", ""]
            lines += _table(result[f"by_{field}"], TABLE_METRICS)
            lines.append("")
    if ov.get("verdict_per_class"):
        lines += ["## Verdicts per class", "", "| verdict | precision | recall | F1 | gold | predicted |",
                  "|---|---|---|---|---|---|"]
        for verdict, c in ov["verdict_per_class"].items():
            lines.append(f"| {verdict} | {_fmt(c['precision'])} | {_fmt(c['recall'])} | {_fmt(c['f1'])} | "
                         f"{c['support']} | {c['predicted']} |")
        lines.append("")
    if "counterfactual" in result:
        cf = result["counterfactual"]
        lines += ["## Counterfactual passages (RGB)", "", "| share | value |", "|---|---|"]
        lines += [f"| {k} | {_fmt(cf[k])} |" for k in ("repeated_false", "flagged_conflict", "correct_only")]
        lines += ["", f"over {cf['n']} items with a planted false answer.", ""]
    lines += ["## Definitions", "", DEFINITIONS, ""]
    by_id = {p.get("id"): p for p in predictions}
    failed = [(item, j) for item, j in zip(gold, judged)
              if j["failed"] or j.get("answer_correct") is False or j.get("verdict_correct") is False]
    lines += [f"## Failed items ({len(failed)})", ""]
    if failed:
        lines += ["| id | kind | question | expected | got |", "|---|---|---|---|---|"]
        for item, _ in failed[:MAX_FAILED_LISTED]:
            cells = (item["id"], item["kind"], item["question"], _expected(item), _got(by_id.get(item["id"])))
            lines.append("| " + " | ".join(_one_line(c) for c in cells) + " |")
        if len(failed) > MAX_FAILED_LISTED:
            lines += ["", f"... and {len(failed) - MAX_FAILED_LISTED} more; see predictions.jsonl."]
    return "\n".join(lines) + "\n"


def plot_metrics(result: dict, path: Path, title: str = "") -> None:
    """Grouped bar chart of the main metrics, one bar per kind (Agg canvas, no global state)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    groups = {"overall": result["overall"], **result["by_kind"]}
    names = [m for m in PLOT_METRICS if any(b.get(m) is not None for b in groups.values())] or ["answer_accuracy"]
    fig = Figure(figsize=(max(6.0, 1.3 * len(names) + 2), 4.2), dpi=100)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot(1, 1, 1)
    width = 0.8 / len(groups)
    for g, (label, block) in enumerate(groups.items()):
        xs = [i + (g - (len(groups) - 1) / 2) * width for i in range(len(names))]
        ax.bar(xs, [block.get(m) or 0.0 for m in names], width, label=f"{label} (n={block['n']})")
    ax.set_xticks(range(len(names)))
    ax.set_xticklabels(names, rotation=20, ha="right")
    ax.set_ylim(0, 1.05)
    ax.set_ylabel("score")
    ax.set_title(f"factqa evaluation {title}".strip())
    ax.legend(fontsize="small")
    fig.tight_layout()
    fig.savefig(path)
