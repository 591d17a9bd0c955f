"""Validate and classify questions: is it about a quantity, and of what?"""
from __future__ import annotations

import re
import unicodedata

from qa.errors import BadQuestionError

MAX_QUESTION_CHARS = 2000

# "how many <unit>", "number of <unit>", "how large/big ... force"
_HOW_MANY = re.compile(r"\bhow\s+(?:many|much)\s+(?:more\s+|other\s+|north\s+korean\s+|of\s+the\s+)?([a-z]+(?:\s+[a-z]+)?)", re.I)
_NUMBER_OF = re.compile(r"\b(?:number|count|total|figure|size|estimate)s?\s+(?:of\s+)?(?:the\s+)?(?:north\s+korean\s+)?([a-z]+)", re.I)
_SIZE_Q = re.compile(r"\bhow\s+(?:large|big|many|much)\b|\bwhat\s+(?:figure|number|estimate)s?\b|\bfigures?\b", re.I)

UNIT_SYNONYMS = [
    {"troops", "troop", "soldiers", "soldier", "personnel", "forces", "infantry", "men", "fighters", "force", "contingent",
     "servicemen", "military"},
    {"killed", "dead", "deaths", "died", "casualties", "losses"},
    {"wounded", "injured", "casualties", "losses"},
    {"people", "persons", "citizens", "individuals", "workers"},
]
DEMONYMS_SKIP = {"north", "korean", "koreans", "russian", "ukrainian", "american", "chinese"}


def normalize_question(text: str) -> str:
    """Strip control characters and excess whitespace; reject empty or oversize input."""
    if not isinstance(text, str):
        raise BadQuestionError("the question must be text")
    text = unicodedata.normalize("NFC", text)
    text = "".join(ch if unicodedata.category(ch)[0] != "C" or ch in "\n\t" else " " for ch in text)
    text = re.sub(r"\s+", " ", text).strip()
    if not text:
        raise BadQuestionError("the question is empty; type a question about the articles")
    if len(text) > MAX_QUESTION_CHARS:
        raise BadQuestionError(
            f"the question is {len(text):,} characters long; the limit is {MAX_QUESTION_CHARS:,}. "
            "Ask about one thing at a time, or paste the key sentence of the claim"
        )
    if not re.search(r"[^\W\d_]", text):
        raise BadQuestionError("the question has no words in it; type a question about the articles")
    return text


def non_english(text: str) -> bool:
    """True when most letters are outside the Latin script (the models here are English-only)."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return False
    latin = sum(1 for ch in letters if "LATIN" in unicodedata.name(ch, ""))
    return latin / len(letters) < 0.5


_CASUALTY = re.compile(r"\b(killed|wounded|dead|deaths?|casualt\w*|died|injur\w*|losses)\b", re.I)


def quantity_target(question: str) -> tuple[bool, str | None]:
    """Is this a question about a quantity, and what unit does it count (e.g. 'troops')?

    "How many troops were killed or wounded" counts casualties, not troops."""
    m = _HOW_MANY.search(question)
    if (m or _NUMBER_OF.search(question)) and _CASUALTY.search(question):
        return True, "casualties"
    if m:
        words = [w.lower() for w in m.group(1).split()]
        words = [w for w in words if w not in DEMONYMS_SKIP] or words
        return True, words[0]
    m = _NUMBER_OF.search(question)
    if m:
        return True, m.group(1).lower()
    if _SIZE_Q.search(question):
        return True, None
    return False, None


def unit_family(unit: str | None) -> set[str] | None:
    if not unit:
        return None
    unit = unit.lower()
    fam: set[str] = set()
    for group in UNIT_SYNONYMS:
        if unit in group or unit.rstrip("s") in group:
            fam |= group
    return fam or {unit, unit.rstrip("s"), unit + "s"}
