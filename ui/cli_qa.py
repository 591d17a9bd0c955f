"""``factqa ask`` and ``factqa check``: one question, or a batch file, as text or JSON."""
from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

import click

from ui.cli import EXIT_BAD_INPUT, _store, _store_option, fail


def _remote(mode: str, text: str, store: Path) -> dict | None:
    """The answer of a ``factqa serve`` running on ``store`` (``ui.serve_link``), or None."""
    from ui import serve_link

    url = serve_link.find(store)
    if url is None:
        return None
    try:
        answer = serve_link.call(url, mode, text)
    except serve_link.RemoteUnavailable as exc:
        logging.getLogger(__name__).info("answering locally: %s", exc)
        return None
    logging.getLogger(__name__).info("answered by factqa serve at %s", url)
    return answer


def _run(mode: str, text: str | None, batch: Path | None, as_json: bool, store: Path | None,
         local: bool = False) -> None:
    if batch is None and text is not None and not local:
        answer = _remote(mode, text, _store(store))
        if answer is not None:
            click.echo(json.dumps(answer, ensure_ascii=False) if as_json else _pretty_dict(answer))
            return
    from qa.engine import Engine
    from qa.errors import FactqaError

    engine = Engine(_store(store))
    fn = engine.ask if mode == "ask" else engine.check
    if batch is None:
        if text is None:
            fail(f"give a {'question' if mode == 'ask' else 'claim'} or --batch FILE.jsonl")
        ans = fn(text)
        if as_json:
            click.echo(json.dumps(ans.to_dict(), ensure_ascii=False))
        else:
            click.echo(_pretty(ans))
        return
    if text is not None:
        fail("give either a question or --batch FILE, not both")
    try:
        lines = batch.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        fail(f"{batch}: cannot read ({exc})")
    failures = 0
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
            q = rec["question"] if isinstance(rec, dict) else None
            if not isinstance(q, str):
                raise KeyError("question")
        except (json.JSONDecodeError, KeyError, TypeError):
            out = {"line": lineno, "error": 'each line must be a JSON object with a "question" string'}
            failures += 1
        else:
            try:
                out = fn(q).to_dict()
            except FactqaError as exc:
                out = {"line": lineno, "question": q, "error": str(exc)}
                failures += 1
        click.echo(json.dumps(out, ensure_ascii=False) if as_json else _pretty_dict(out))
    if failures:
        click.echo(f"Error: {failures} line(s) could not be answered", err=True)
        sys.exit(EXIT_BAD_INPUT)


_local_option = click.option(
    "--local", is_flag=True,
    help="Answer in this process even when `factqa serve` runs on the store (also: FACTQA_NO_SERVE=1).")


def _pretty_dict(d: dict) -> str:
    if "error" in d:
        return f"line {d.get('line')}: error: {d['error']}"
    from qa.types import Answer

    return _pretty(Answer.from_dict(d))


def _pretty(ans) -> str:
    out = [ans.answer]
    if ans.query:
        out.append(f"(searched as: {ans.query})")
    if ans.figures:
        out.append("\nFigures:")
        for f in ans.figures:
            out.append(f"  {f.value:<22} {f.kind:<11} {f.speaker or '-':<36} [{f.citation}]")
    if ans.citations:
        out.append("\nSources:")
        for c in ans.citations:
            stance = f" ({c.stance})" if c.stance else ""
            out.append(f"  [{c.n}]{stance} {c.title} — {c.doc_id} @{c.start}-{c.end}\n      \u201c{c.quote}\u201d")
    return "\n".join(out)


@click.command("ask")
@click.argument("question", required=False)
@click.option("--json", "as_json", is_flag=True, help="Print the answer as one JSON object.")
@click.option("--batch", type=click.Path(path_type=Path, exists=True, dir_okay=False), default=None,
              help='JSONL file of {"question": ...} lines; one answer per line, in order.')
@_store_option
@_local_option
def ask_cmd(question, as_json, batch, store, local):
    """Answer QUESTION from the indexed articles, with citations (through a running `factqa serve` on
    the same store when there is one)."""
    _run("ask", question, batch, as_json, store, local)


@click.command("check")
@click.argument("claim", required=False)
@click.option("--json", "as_json", is_flag=True, help="Print the verdict as one JSON object.")
@click.option("--batch", type=click.Path(path_type=Path, exists=True, dir_okay=False), default=None,
              help='JSONL file of {"question": ...} lines (claims); one verdict per line, in order.')
@_store_option
@_local_option
def check_cmd(claim, as_json, batch, store, local):
    """Check CLAIM against the articles: supported, refuted, conflicting or not enough evidence."""
    _run("check", claim, batch, as_json, store, local)
