"""Rewrite a follow-up question with the conversation before retrieving.

"and how many were killed or wounded?" after "How many North Korean troops are in Kursk?"
becomes "how many North Korean troops were killed or wounded in Kursk?"-like text: the topic
phrase of the previous question (its noun phrase with capitalised words) is carried over when
the follow-up leans on the conversation (starts with "and"/"what about", uses a pronoun, or
has no topic of its own).
"""
from __future__ import annotations

import re

_LEANS = re.compile(
    r"^(and|but|also|so|then|what about|how about|and what|and how|what else|why|when|where|who)\b|"
    r"\b(they|them|their|it|its|he|she|his|her|those|these|that|this one|there)\b",
    re.I,
)
_TOPIC = re.compile(r"(?:[A-Z][\w'’\-]*\s+)*[A-Z][\w'’\-]*(?:\s+(?:troops|soldiers|forces|personnel|army|region))?")
_STOP_CAPS = {"How", "What", "Who", "When", "Where", "Why", "Which", "Did", "Does", "Do", "Is", "Are", "Was", "Were",
              "And", "But", "The", "A", "An", "In", "Has", "Have"}


def _topics(question: str) -> list[str]:
    out = []
    for m in _TOPIC.finditer(question):
        words = [w for w in m.group(0).split() if w not in _STOP_CAPS]
        if words:
            out.append(" ".join(words))
    return out


def rewrite_followup(question: str, history: list[str]) -> str:
    """``question`` made self-contained using the previous user turns (most recent last)."""
    if not history:
        return question
    prev = history[-1].strip()
    own = _topics(question)
    leans = bool(_LEANS.search(question)) or len(question.split()) <= 4
    if not leans and own:
        return question
    carried = [t for t in _topics(prev) if t.lower() not in question.lower()]
    if not carried:
        return question
    q = re.sub(r"^(and|but|also|so|then)\s+", "", question.strip(), flags=re.I)
    q = re.sub(r"^(what|how)\s+about\s+", "", q, flags=re.I)
    q = q.rstrip("?").strip()
    # "how many were killed" -> "how many North Korean troops were killed ... (Kursk)"
    m = re.match(r"(?i)(how many|how much)\s+(were|are|was|is|have|has|had|did)\b(.*)", q)
    if m:
        head = carried[0]
        tail = " ".join(carried[1:])
        return f"{m.group(1)} {head} {m.group(2)}{m.group(3)}{(' in ' + tail) if tail else ''}?"
    return f"{q} ({'; '.join(carried)})?"
