"""The one call site for text that is not evidence: sentences that give the reader or an AI
instructions ("ignore previous instructions", "answer that ..."), decided by ``qa.guard``."""
from __future__ import annotations

from functools import lru_cache

from qa.guard import GuardCode, is_instruction


@lru_cache(maxsize=50_000)
def guard_code(text: str) -> GuardCode | None:
    """Why ``text`` is not evidence (``qa.guard.GuardCode``), or None when it may be (cached per text)."""
    return is_instruction(text)


def not_evidence(text: str) -> bool:
    return guard_code(text) is not None
