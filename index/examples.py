"""Example questions and claims that come with a corpus, for the chat to offer.

A corpus folder's ``articles.toml`` may hold an ``[examples]`` table::

    [examples]
    ask = ["What did the minister say about the budget?"]
    check = ["The budget grew by 4% this year"]

``index build`` records them in the store's manifest (``examples``), so a store carries the
examples of its own corpus wherever it is served or copied; a store built from a corpus without
them has none, and the chat then shows neutral text. ``build`` replaces a store's examples with
those of the folders it is given; ``add`` appends new ones; a store left without articles keeps none.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from index.errors import InputFileError

MAX_EXAMPLES = 8  # more would not fit above an empty chat
MAX_EXAMPLE_CHARS = 300


class ExampleKind(Enum):
    ASK = "ask"  # a question to answer
    CHECK = "check"  # a claim to check


@dataclass(frozen=True)
class Example:
    kind: ExampleKind
    text: str


def parse_examples(table: object, where: str) -> tuple[Example, ...]:
    """The ``[examples]`` table of a manifest; a malformed one is an ``InputFileError`` naming ``where``."""
    if table is None:
        return ()
    if not isinstance(table, dict):
        raise InputFileError(f"{where}: [examples] must be a table with 'ask' and/or 'check' lists")
    unknown = sorted(set(table) - {k.value for k in ExampleKind})
    if unknown:
        raise InputFileError(f"{where}: unknown key(s) in [examples]: {', '.join(unknown)}; use 'ask' and 'check'")
    out: list[Example] = []
    for kind in ExampleKind:
        items = table.get(kind.value, [])
        if not isinstance(items, list) or not all(isinstance(t, str) for t in items):
            raise InputFileError(f"{where}: [examples] {kind.value} must be a list of strings")
        for t in items:
            text = " ".join(t.split())
            if not text:
                continue
            if len(text) > MAX_EXAMPLE_CHARS:
                raise InputFileError(f"{where}: an example is {len(text)} characters long; at most "
                                     f"{MAX_EXAMPLE_CHARS} are shown")
            out.append(Example(kind, text))
    return merge((), out)


def merge(old: tuple[Example, ...] | list[Example], new: tuple[Example, ...] | list[Example]) -> tuple[Example, ...]:
    """``old`` then the ``new`` examples not already there, at most ``MAX_EXAMPLES``."""
    return tuple(dict.fromkeys([*old, *new]))[:MAX_EXAMPLES]


def to_manifest(examples: tuple[Example, ...]) -> list[dict[str, str]]:
    return [{"kind": e.kind.value, "text": e.text} for e in examples]


def from_manifest(manifest: dict | None) -> tuple[Example, ...]:
    """The examples a store's manifest records; entries this version does not understand are skipped."""
    out = []
    for rec in (manifest or {}).get("examples") or []:
        try:
            out.append(Example(ExampleKind(rec["kind"]), str(rec["text"])))
        except (KeyError, TypeError, ValueError):
            continue
    return tuple(out)
