"""What the chat offers before the first question: the examples of the store it serves.

The examples come with the corpus (``[examples]`` in its ``articles.toml``, recorded in the
store's manifest at build time; ``index.examples``), so a store shows its own and a store built
from a corpus without examples shows neutral text that names no topic.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from index.errors import FactqaIndexError
from index.examples import Example, ExampleKind, from_manifest

log = logging.getLogger(__name__)

NEUTRAL = {ExampleKind.ASK: "Ask a question about the indexed articles",
           ExampleKind.CHECK: "Type a claim to check against the indexed articles"}
LEAD = {ExampleKind.ASK: "Ask about the articles, e.g. ", ExampleKind.CHECK: "Type a claim to check, e.g. "}


@dataclass(frozen=True)
class ChatExamples:
    """The example chips above an empty chat and the input box's placeholder per mode."""

    items: tuple[Example, ...] = ()

    @classmethod
    def of_store(cls, store_path: str | Path) -> "ChatExamples":
        """The examples recorded in the live generation's manifest; none for a store that does not
        exist yet or cannot be read (the status pill says why)."""
        from index.copy import live_manifest

        try:
            return cls(from_manifest(live_manifest(str(store_path))))
        except FactqaIndexError as exc:
            log.info("no examples from %s: %s", store_path, exc)
        except Exception:  # noqa: BLE001 - e.g. a Milvus server that does not answer: the page still opens
            log.exception("reading the examples of %s failed", store_path)
        return cls()

    def chips(self) -> list[dict[str, str]] | None:
        """``gr.Chatbot(examples=...)``: one chip per example, a claim marked as one; None without examples."""
        return [{"text": e.text, "display_text": ("Check: " if e.kind is ExampleKind.CHECK else "") + e.text}
                for e in self.items] or None

    def placeholder(self, mode: str) -> str:
        kind = ExampleKind(mode) if mode in {k.value for k in ExampleKind} else ExampleKind.ASK
        first = next((e.text for e in self.items if e.kind is kind), None)
        return LEAD[kind] + first if first else NEUTRAL[kind]

    def pick(self, index: object) -> tuple[str, str]:
        """(mode, text) of the chip at ``index``; ("ask", "") for anything else."""
        if isinstance(index, int) and 0 <= index < len(self.items):
            e = self.items[index]
            return e.kind.value, e.text
        return ExampleKind.ASK.value, ""
