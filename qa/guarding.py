"""The one call site for text that is not evidence (instructions to the reader or to an AI).

``qa.guard`` (its own module) decides; until it is merged, the instruction test of the LLM
verifier stands in."""
from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=50_000)
def not_evidence(text: str) -> bool:
    """True when ``text`` addresses the reader or a model with instructions ("ignore previous
    instructions", "answer that ..."): never evidence."""
    from qa.llm.verify import looks_like_instruction

    return looks_like_instruction(text)
