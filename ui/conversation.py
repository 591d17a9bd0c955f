"""A conversation as the browser keeps it: typed entries, stored as JSON in ``gr.BrowserState``.

The browser stores records (the question, the Answer's JSON, what a follow-up was read
against), never HTML: after a reload the chat is rendered again from them by ``ui.render``, so
stored data cannot inject markup, and a restored conversation looks like a live one. Anything
malformed in storage is dropped entry by entry (a reader's saved chat must never break the page).
"""
from __future__ import annotations

import enum
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from qa.followup import Turn
from qa.types import Answer
from ui import render

log = logging.getLogger(__name__)

VERSION = 1
MAX_ENTRIES = 40  # older entries are dropped from the browser's copy (localStorage holds ~5 MB)


class Kind(enum.Enum):
    ASK = "ask"  # a question and its Answer
    CHECK = "check"  # a claim and its verdict
    ASK_BACK = "ask_back"  # a follow-up with nothing to refer to, and the question put back
    ERROR = "error"  # a question the engine refused (message shown)


@dataclass(frozen=True)
class Entry:
    id: str  # message id: the prefix of its citation anchors
    kind: Kind
    text: str  # what the user typed
    answer: Answer | None = None
    about: Turn | None = None  # the earlier answer a follow-up was read against
    message: str | None = None  # ASK_BACK / ERROR text

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind.value, "text": self.text,
                "answer": self.answer.to_dict() if self.answer else None,
                "about": self.about.to_dict() if self.about else None, "message": self.message}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Entry":
        render.anchor(d["id"], 0)  # validates the id
        return cls(id=d["id"], kind=Kind(d["kind"]), text=str(d["text"]),
                   answer=Answer.from_dict(d["answer"]) if d.get("answer") else None,
                   about=Turn.from_dict(d["about"]) if d.get("about") else None,
                   message=str(d["message"]) if d.get("message") is not None else None)


def empty() -> dict[str, Any]:
    return {"v": VERSION, "entries": []}


def load(raw: Any) -> list[Entry]:
    """Entries from the browser's stored value; malformed entries (or a foreign value) are skipped."""
    if not isinstance(raw, dict) or raw.get("v") != VERSION or not isinstance(raw.get("entries"), list):
        return []
    out = []
    for d in raw["entries"][-MAX_ENTRIES:]:
        try:
            out.append(Entry.from_dict(d))
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            log.warning("dropping a stored conversation entry: %s", exc)
    return out


def dump(entries: Iterable[Entry]) -> dict[str, Any]:
    return {"v": VERSION, "entries": [e.to_dict() for e in list(entries)[-MAX_ENTRIES:]]}


def turns(entries: Iterable[Entry]) -> list[Turn]:
    """What follow-ups can refer to: the answered questions, oldest first."""
    return [Turn.from_answer(e.answer) for e in entries if e.kind is Kind.ASK and e.answer is not None]


def user_message(kind: Kind, text: str) -> dict[str, str]:
    html = render.claim_user_html(text) if kind is Kind.CHECK else render.user_html(text)
    return {"role": "user", "content": html}


def bot_html(e: Entry, article_text: Callable[[str], str | None]) -> str:
    if e.kind in (Kind.ASK, Kind.CHECK) and e.answer is not None:
        texts = {}
        for c in e.answer.citations:
            if c.doc_id not in texts:
                t = article_text(c.doc_id)
                if t is not None:
                    texts[c.doc_id] = t
        return render.answer_html(e.answer, texts, e.id, e.about)
    if e.kind is Kind.ASK_BACK:
        return render.ask_back_html(e.message or "")
    return render.error_html(e.message or "")


def messages(entries: Iterable[Entry], article_text: Callable[[str], str | None]) -> list[dict[str, str]]:
    """The chat's messages for ``entries`` (used to restore a conversation after a reload)."""
    out = []
    for e in entries:
        out.append(user_message(e.kind, e.text))
        out.append({"role": "assistant", "content": bot_html(e, article_text)})
    return out
