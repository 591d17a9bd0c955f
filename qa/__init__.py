"""qa: turn a question or a claim into a cited answer, from the indexed articles only."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = ["ask", "check", "Engine"]

if TYPE_CHECKING:  # pragma: no cover
    from qa.engine import Engine


def __getattr__(name: str) -> Any:  # lazy: importing qa never loads a model
    if name in {"ask", "check", "Engine"}:
        from qa import engine

        return getattr(engine, name)
    raise AttributeError(name)
