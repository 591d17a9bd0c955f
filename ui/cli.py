"""The ``factqa`` command line: index, ask, check, eval, bench, serve.

Domain errors become a one-line ``Error: ...`` on stderr and exit code 2; never a traceback.
"""
from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

import click

from index.offline import set_defaults

set_defaults()  # before torch or transformers load

EXIT_BAD_INPUT = 2


def fail(message: str) -> "NoReturn":  # type: ignore[name-defined]  # noqa: F821
    click.echo(f"Error: {message}", err=True)
    sys.exit(EXIT_BAD_INPUT)


def _store_option(f):
    return click.option(
        "--store", "store", type=click.Path(path_type=Path), default=None,
        help="Store folder, milvus:PATH.db (Milvus Lite) or milvus+http://HOST:19530/NAME "
             "(default: $FACTQA_STORE or .factqa/store).",
    )(f)


def _store(store: Path | None) -> Path:
    from index.store import default_store_path

    return store or default_store_path()


class _Group(click.Group):
    """Turns domain exceptions into one-line messages with exit code 2; subcommands of other
    modules (``_LAZY``) are imported only when invoked or listed."""

    def invoke(self, ctx):
        from index.errors import FactqaIndexError

        try:
            from qa.errors import FactqaError
        except ImportError:  # pragma: no cover
            FactqaError = FactqaIndexError  # noqa: N806
        try:
            return super().invoke(ctx)
        except (FactqaIndexError, FactqaError, ValueError) as exc:
            fail(str(exc))
        except KeyboardInterrupt:
            fail("interrupted; the store was left as it was before this command")

    def list_commands(self, ctx) -> list[str]:
        return sorted(set(super().list_commands(ctx)) | {n for n in _LAZY if _lazy_command(n) is not None})

    def get_command(self, ctx, name: str):
        cmd = super().get_command(ctx, name)
        return cmd if cmd is not None or name not in _LAZY else _lazy_command(name)


@click.group(cls=_Group)
@click.option("-v", "--verbose", is_flag=True, help="Log progress details.")
@click.version_option("0.1.0", prog_name="factqa")
def main(verbose: bool) -> None:
    """factqa: answers and claim checks from your news articles, with exact citations."""
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")


@main.group("index")
def index_group() -> None:
    """Build and maintain the article store."""


def _lock_notice(quiet: bool):
    """Say out loud that this command waits for another writer (the wait is timed apart)."""
    if quiet:
        return None
    return lambda root: click.echo(f"waiting for another writer on {root} ...", err=True)


_skip_bad_option = click.option(
    "--skip-bad", is_flag=True,
    help="Index the good files and lines even if some are bad (default: any bad input changes nothing).")


def _print_report(report, quiet: bool) -> None:
    for w in report.warnings:
        click.echo(f"Warning: {w}", err=True)
    for d in report.duplicates:
        click.echo(f"Duplicate: {d} (same text; not indexed twice)", err=True)
    skipped = bool(report.errors) and not report.rejected  # --skip-bad: the rest was indexed
    for e in report.errors:
        click.echo(f"{'Skipped' if skipped else 'Error'}: {e}", err=True)
    if skipped:
        for label, ids in (("Added", report.added), ("Updated", report.updated), ("Removed", report.removed)):
            if ids:
                click.echo(f"{label} {len(ids)}: {', '.join(ids)}")
    if not quiet or report.errors:
        click.echo(report.summary())
    if report.rejected:
        sys.exit(EXIT_BAD_INPUT)


@index_group.command("build")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@_store_option
@click.option("--model", default=None, help="Embedding model: minilm (default) or mpnet.")
@click.option("--runtime", default=None, type=click.Choice(["torch", "torch-int8", "onnx", "onnx-int8"]),
              help="Encoder runtime (default: $FACTQA_RUNTIME or onnx); recorded in the store's manifest.")
@click.option("--max-tokens", default=160, show_default=True, help="Chunk size limit in model tokens.")
@click.option("--overlap", default=1, show_default=True, help="Sentences shared by consecutive chunks.")
@_skip_bad_option
@click.option("--quiet", is_flag=True, help="No progress bars or summary.")
@click.option("--ray", "ray_address", is_flag=False, flag_value="local", default=None, metavar="[ADDRESS]",
              help="Embed on Ray Data (a local Ray, or the cluster at ADDRESS) into a Milvus --store.")
def index_build(paths, store, model, runtime, max_tokens, overlap, skip_bad, quiet, ray_address):
    """Index PATHS (files or folders; default seeds/). Unchanged articles are not re-embedded.

    A corrupt store is repaired: its generation is set aside (gen-...corrupt-TIME) and rebuilt."""
    from index.build import update_store

    paths = list(paths) or [Path("seeds")]
    _check_paths(paths)
    if ray_address is not None:
        from index.ray_build import build_with_ray

        report = build_with_ray(str(_store(store)), paths, address=ray_address, model=model, max_tokens=max_tokens,
                                overlap=overlap, progress=not quiet, skip_bad=skip_bad)
        _print_report(report, quiet)
        return
    report = update_store(_store(store), paths, mode="build", model=model, runtime=runtime, max_tokens=max_tokens,
                          overlap=overlap, progress=not quiet, skip_bad=skip_bad, on_lock_wait=_lock_notice(quiet))
    _print_report(report, quiet)


@index_group.command("add")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@_store_option
@_skip_bad_option
@click.option("--quiet", is_flag=True, help="No progress bars or summary.")
def index_add(paths, store, skip_bad, quiet):
    """Add or update articles from PATHS; only new or changed ones are embedded."""
    from index.build import update_store

    _check_paths(paths)
    report = update_store(_store(store), list(paths), mode="add", progress=not quiet, skip_bad=skip_bad,
                          on_lock_wait=_lock_notice(quiet))
    _print_report(report, quiet)


@index_group.command("remove")
@click.argument("ids", nargs=-1, required=True)
@_store_option
@click.option("--quiet", is_flag=True, help="No summary.")
def index_remove(ids, store, quiet):
    """Remove articles by id (the file stem, e.g. 000_374c5ab4a89fe0ab); an unknown id removes nothing."""
    from index.build import update_store

    report = update_store(_store(store), None, mode="remove", remove_ids=list(ids), progress=not quiet,
                          skip_bad=False, on_lock_wait=_lock_notice(quiet))
    _print_report(report, quiet)


@index_group.command("copy")
@click.argument("source")
@click.argument("destination")
@click.option("--replace", is_flag=True, help="Overwrite a destination that holds a store of another model or runtime.")
@click.option("--no-verify", is_flag=True, help="Do not read the copy back to compare it with the source.")
@click.option("--json", "as_json", is_flag=True, help="Print the copy report as JSON.")
def index_copy(source, destination, replace, no_verify, as_json):
    """Copy the store SOURCE into DESTINATION (a folder, milvus:PATH.db or milvus+http://HOST:19530/NAME)
    without re-embedding: records, offsets, texts and vectors, written atomically."""
    from index.backends import is_milvus
    from index.copy import copy_store

    if not is_milvus(source) and not Path(source).exists():
        fail(f"no such store: {source}")
    report = copy_store(source, destination, replace=replace, verify=not no_verify)
    click.echo(json.dumps(report.to_dict(), indent=2) if as_json else report.summary())


@index_group.command("stats")
@_store_option
@click.option("--json", "as_json", is_flag=True)
def index_stats(store, as_json):
    """Articles, chunks, model and size on disk of the store."""
    from index.backends import open_store

    st = open_store(_store(store)).load().stats()
    if as_json:
        click.echo(json.dumps(st, indent=2))
        return
    click.echo(f"store      {st['store']}\narticles   {st['articles']}\nchunks     {st['chunks']}\n"
               f"sentences  {st['sentences']}\nmodel      {st['model']} ({st['dimension']} d, {st['index_type']})\n"
               f"size       {st['size_bytes'] / 1e6:.2f} MB\nbuilt      {st['built_at']}")


@index_group.command("verify")
@_store_option
def index_verify(store):
    """Check every file of the store against its checksum: ok / missing / size or checksum mismatch.

    Exit code 0 when the store is healthy, 2 when it is not (and how to repair it)."""
    from index.verify import verify_store

    health = verify_store(_store(store))
    click.echo(f"store       {health.root}\ngeneration  {health.generation or '-'}")
    for f in health.files:
        click.echo(f"{'ok' if f.ok else 'BAD':<4} {f.describe() if not f.ok else f.name}")
    for name in health.set_aside:
        click.echo(f"note: an earlier corrupt generation is kept aside as {name} (delete it when done)")
    if health.ok:
        click.echo("the store is healthy")
        return
    fail(health.problem or f"the store is corrupt ({sum(not f.ok for f in health.files)} bad file(s)); {health.hint}")


@index_group.command("upgrade")
@click.argument("store_arg", metavar="[STORE]", required=False, type=click.Path(path_type=Path))
@_store_option
@click.option("--quiet", is_flag=True, help="No summary.")
def index_upgrade(store_arg, store, quiet):
    """Upgrade STORE (a folder written by an older factqa) to this version's format, in place and
    atomically: its records and vectors are kept, nothing is embedded again."""
    from index.upgrade import upgrade_store

    if store_arg and store and store_arg != store:
        fail(f"two stores given ({store_arg} and --store {store}); name one")
    root = _store(store_arg or store)
    if not root.exists():
        fail(f"no such store: {root}")
    report = upgrade_store(root, on_lock_wait=_lock_notice(quiet))
    if not quiet:
        click.echo(report.summary())


def _check_paths(paths) -> None:
    missing = [str(p) for p in paths if not Path(p).exists()]
    if missing:
        fail(f"no such file or folder: {', '.join(missing)}")


# Commands that live in their own modules, imported only when invoked (or listed by --help), so
# `factqa ask` does not pay for the evaluation adapters' imports.
_LAZY = {"ask": ("ui.cli_qa", "ask_cmd"), "check": ("ui.cli_qa", "check_cmd"), "eval": ("ui.cli_eval", "eval_cmd"),
         "bench": ("ui.cli_eval", "bench_group"), "serve": ("ui.cli_serve", "serve_cmd")}


def _lazy_command(name: str):
    from importlib import import_module

    mod, attr = _LAZY[name]
    try:
        return getattr(import_module(mod), attr, None)
    except ModuleNotFoundError as exc:
        if exc.name == mod:  # an optional module that is not there
            return None
        raise



if __name__ == "__main__":  # pragma: no cover
    main()
