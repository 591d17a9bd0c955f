"""Read article files (.txt, .md, .html, .jsonl; folders recursively) into cleaned ``Article``s."""
from __future__ import annotations

import codecs
import json
import logging
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from index.clean import clean_text
from index.errors import InputFileError
from index.examples import Example, merge, parse_examples
from index.types import Article

log = logging.getLogger(__name__)

SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm", ".jsonl"}
MAX_FILE_BYTES = 10 * 1024 * 1024  # per article file; a .jsonl corpus may be larger
MAX_JSONL_BYTES = 512 * 1024 * 1024
MANIFEST_NAMES = ("articles.toml",)
# Evaluation files kept next to the articles of a folder (gold.jsonl, gold_v3.jsonl, x.gold.jsonl):
# their lines are questions, not articles, so a folder load skips them.
_GOLD_FILE = re.compile(r"(?:gold(?:[_\-.][\w\-.]*)?|[\w\-.]+\.gold)\.jsonl", re.IGNORECASE)


@dataclass
class LoadResult:
    articles: list[Article] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # one line each: "path: what is wrong"
    warnings: list[str] = field(default_factory=list)
    examples: tuple[Example, ...] = ()  # from the [examples] of the manifests of the folders loaded (index.examples)


def decode_bytes(data: bytes, where: str) -> tuple[str, str | None]:
    """Decode text as UTF-8, replacing invalid bytes with U+FFFD and returning a warning that counts them.

    A file in a legacy single-byte encoding (no valid multi-byte UTF-8 sequence outnumbers its
    invalid bytes, e.g. a cp1252 file whose every accented letter is one invalid byte) is
    decoded as cp1252 instead, with a warning that says so."""
    if b"\x00" in data[:8192]:
        raise InputFileError(f"{where}: looks like a binary file (NUL bytes); expected UTF-8 text")
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        first = exc.start
    text = data.decode("utf-8", errors="surrogateescape")  # each invalid byte -> one lone surrogate
    bad = sum(1 for ch in text if "\udc80" <= ch <= "\udcff")
    good = sum(1 for ch in text if ord(ch) > 0x7F) - bad  # characters from valid multi-byte sequences
    if good < bad:
        return data.decode("cp1252", errors="replace"), (
            f"{where}: not UTF-8 ({bad} invalid byte(s), {good} valid multi-byte character(s)); decoded as cp1252")
    text = _SURROGATES.sub(lambda m: "\ufffd" * len(m.group(0)), text)
    return text, (f"{where}: {bad} invalid UTF-8 byte(s) replaced with U+FFFD (first at byte {first}); "
                  "the rest of the file was read as UTF-8")


_SURROGATES = re.compile("[\udc80-\udcff]+")


def _read_manifest(folder: Path) -> dict:
    for name in MANIFEST_NAMES:
        path = folder / name
        if path.is_file():
            try:
                return {"__path__": path, **tomllib.loads(path.read_text(encoding="utf-8"))}
            except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
                raise InputFileError(f"{path}: invalid manifest: {exc}") from exc
    return {}


def _load_manifest(folder: Path) -> dict[str, dict]:
    """The per-file metadata (``[articles."NAME"]``) of the folder's manifest."""
    return {str(k): dict(v) for k, v in _read_manifest(folder).get("articles", {}).items()}


def _load_examples(folder: Path) -> tuple[Example, ...]:
    """The ``[examples]`` of the folder's manifest (``index.examples``)."""
    data = _read_manifest(folder)
    return parse_examples(data.get("examples"), str(data.get("__path__", folder)))


def _strip_markdown(text: str) -> str:
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)  # images
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)  # links -> their text
    text = re.sub(r"^\s{0,3}#{1,6}\s*", "", text, flags=re.M)  # headings
    text = re.sub(r"^\s{0,3}>\s?", "", text, flags=re.M)  # quotes
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    return text


def _from_html(html: str, where: str) -> tuple[str, dict]:
    import trafilatura

    out = trafilatura.extract(
        html, output_format="json", with_metadata=True, include_comments=False, include_tables=False, favor_precision=True
    )
    if not out:
        raise InputFileError(f"{where}: no article text found in the HTML")
    data = json.loads(out)
    text = data.get("text") or ""
    meta = {"title": data.get("title"), "date": data.get("date"), "outlet": data.get("sitename") or data.get("hostname"),
            "url": data.get("source") or data.get("url")}
    return text, {k: v for k, v in meta.items() if v}


def _fold(s: str) -> str:
    return re.sub(r"\s+", " ", s.replace("’", "'").replace("‘", "'")).strip().casefold()


def _make_article(doc_id: str, raw: str, where: str, meta: dict) -> Article:
    title = (meta.get("title") or "").strip() or None
    if title and _fold(title) not in _fold(raw[: len(title) + 400]):
        raw = title + "\n\n" + raw  # the headline is part of the citable text
    cleaned = clean_text(raw, title=None)
    text = cleaned.text
    if not text.strip():
        raise InputFileError(f"{where}: empty after cleaning (no article text)")
    if not re.search(r"[A-Za-z\u00C0-\uFFFF]{2,}", text):
        raise InputFileError(f"{where}: has no sentences (no words found)")
    if not title:
        title = text.split("\n", 1)[0].strip()[:200]
    return Article(
        id=doc_id, title=title, text=text, source=str(meta.get("source") or where),
        url=meta.get("url"), date=(str(meta["date"]) if meta.get("date") else None),
        outlet=meta.get("outlet"), captions=cleaned.captions,
    )


def load_file(path: Path, manifest: dict[str, dict] | None = None, result: LoadResult | None = None) -> LoadResult:
    """Load one file into ``result`` (errors are collected, not raised)."""
    result = result or LoadResult()
    where = str(path)
    try:
        if not path.exists():
            raise InputFileError(f"{where}: no such file or folder")
        if path.suffix.lower() not in SUFFIXES:
            raise InputFileError(f"{where}: unsupported file type {path.suffix or '(none)'}; use .txt, .md, .html or .jsonl")
        size = path.stat().st_size
        limit = MAX_JSONL_BYTES if path.suffix.lower() == ".jsonl" else MAX_FILE_BYTES
        if size == 0:
            raise InputFileError(f"{where}: empty file")
        if size > limit:
            raise InputFileError(f"{where}: {size / 1e6:.1f} MB is over the {limit / 1e6:.0f} MB limit for one file")
        text, warn = decode_bytes(path.read_bytes(), where)
        if warn:
            result.warnings.append(warn)
        meta = dict((manifest or {}).get(path.name, {}))
        suffix = path.suffix.lower()
        if suffix == ".jsonl":
            _load_jsonl(text, where, result)
            return result
        if suffix in {".html", ".htm"}:
            text, html_meta = _from_html(text, where)
            meta = {**html_meta, **meta}
        elif suffix in {".md", ".markdown"}:
            text = _strip_markdown(text)
        meta.setdefault("source", where)
        result.articles.append(_make_article(path.stem, text, where, meta))
    except InputFileError as exc:
        result.errors.append(str(exc))
    except OSError as exc:
        result.errors.append(f"{where}: cannot read ({exc.strerror or exc})")
    return result


def _load_jsonl(text: str, where: str, result: LoadResult) -> None:
    n_ok = 0
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        loc = f"{where}:{lineno}"
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            result.errors.append(f"{loc}: not valid JSON ({exc.msg})")
            continue
        if not isinstance(rec, dict) or not str(rec.get("id", "")).strip() or not isinstance(rec.get("text"), str):
            result.errors.append(f"{loc}: each line needs a string 'id' and 'text'")
            continue
        meta = {k: rec.get(k) for k in ("title", "url", "date", "source", "outlet") if rec.get(k)}
        meta.setdefault("source", loc)
        try:
            result.articles.append(_make_article(str(rec["id"]).strip(), rec["text"], loc, meta))
            n_ok += 1
        except InputFileError as exc:
            result.errors.append(str(exc))
    if n_ok == 0 and not result.errors:
        result.errors.append(f"{where}: no articles in this .jsonl file")


def load_paths(paths: list[str | Path]) -> LoadResult:
    """Load files and folders (recursively). Per-file problems land in ``result.errors``."""
    result = LoadResult()
    for p in paths:
        path = Path(p)
        if path.is_dir():
            manifest = _load_manifest(path)
            result.examples = merge(result.examples, _load_examples(path))
            files = sorted(f for f in path.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES
                           and not any(part.startswith(".") for part in f.relative_to(path).parts))
            files = [f for f in files if not _GOLD_FILE.fullmatch(f.name)]
            if not files:
                result.errors.append(f"{path}: no .txt, .md, .html or .jsonl files in this folder")
            for f in files:
                load_file(f, _load_manifest(f.parent) if f.parent != path else manifest, result)
        else:
            manifest = _load_manifest(path.parent) if path.parent.is_dir() else {}
            load_file(path, manifest, result)
    return result
