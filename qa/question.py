"""Validate and classify questions: is it about a quantity, and of what?"""
from __future__ import annotations

import re
import unicodedata

from qa.errors import BadQuestionError

MAX_QUESTION_CHARS = 2000

# "how many <unit>", "number of <unit>", "how large/big ... force"
# The phrase after "how many" / "number of"; ``_head_noun`` picks the counted noun from it.
_HOW_MANY = re.compile(r"\bhow\s+(?:many|much)\s+(?:more\s+|other\s+|additional\s+|of\s+the\s+)?"
                       r"((?:[A-Za-z][\w’'-]*\s*){1,5})", re.I)
_NUMBER_OF = re.compile(r"\b(?:number|count|total|figure|size|estimate)s?\s+(?:of\s+)?(?:the\s+)?"
                        r"((?:[A-Za-z][\w’'-]*\s*){1,5})", re.I)
_SIZE_Q = re.compile(r"\bhow\s+(?:large|big|many|much)\b|\bwhat\s+(?:figure|number|estimate)s?\b|\bfigures?\b", re.I)

UNIT_SYNONYMS = [
    {"troops", "troop", "soldiers", "soldier", "personnel", "forces", "infantry", "men", "fighters", "force", "contingent",
     "servicemen", "military"},
    {"killed", "dead", "deaths", "died", "casualties", "losses"},
    {"wounded", "injured", "casualties", "losses"},
    {"people", "persons", "citizens", "individuals", "workers"},
]
UNIT_WORDS = set().union(*UNIT_SYNONYMS)
_NOUNS = UNIT_SYNONYMS[0] | UNIT_SYNONYMS[3]  # troops and people words (not "killed", "dead")
# Words that end the counted noun phrase: "how many troops | were sent", "number of soldiers | in Kursk".
_PHRASE_END = {
    "has", "have", "had", "is", "are", "was", "were", "be", "been", "being", "did", "does", "do", "will", "would",
    "could", "can", "should", "may", "might", "must", "of", "in", "to", "for", "from", "at", "on", "by", "with",
    "the", "a", "an", "that", "who", "which", "whom", "there", "according", "so", "far", "since", "during",
    "after", "before", "per", "each", "now", "currently", "still", "reportedly", "and", "or", "than",
}
COMPASS = ("north", "south", "east", "west", "northern", "southern", "eastern", "western", "central")
_DEMONYM_LIKE = re.compile(r"^[a-z]+(?:ian|ese|ean|ish)s?$")  # lower-case "korean", "chinese", "ukrainian"


def _plural(w: str) -> bool:
    return len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is"))


def _head_noun(phrase: str) -> str | None:
    """The counted noun of the phrase after "how many": proper names and demonyms ("North Korean",
    "Chinese") skipped, the phrase ended by a verb or preposition, and of what is left the first
    plural ("suicide drones has" -> 'drones', "soldiers made up" -> 'soldiers'), else the first word.
    When the phrase opens with a verb ("how much is Russia paying") that verb is returned: no figure
    has it as its unit, so no figure of another quantity is offered as the answer."""
    words = phrase.split()
    kept: list[str] = []
    for i, w in enumerate(words):
        lw = w.lower().strip("’'")
        if lw in _PHRASE_END:
            break
        nxt = words[i + 1].lower() if i + 1 < len(words) else None
        # "korean troops": a demonym before a plural noun; "civilians died": the noun itself
        adjective = nxt is not None and nxt not in _PHRASE_END and (_plural(nxt) or nxt in _NOUNS)
        if w[0].isupper() or lw in COMPASS or (adjective and _DEMONYM_LIKE.match(lw) and lw not in UNIT_WORDS):
            if kept:
                break  # "troops North Korea sent": the noun phrase has ended
            continue
        kept.append(lw)
        if len(kept) == 3:
            break
    if not kept:
        return words[0].lower() if words and words[0].lower() in _PHRASE_END else None
    return next((w for w in kept if _plural(w)), kept[0])


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


def _counted_phrase(question: str) -> str | None:
    """The words after "how many" (or else "number of"), from which ``_head_noun`` picks the noun."""
    m = _HOW_MANY.search(question) or _NUMBER_OF.search(question)
    return m.group(1) if m else None


def quantity_target(question: str) -> tuple[bool, str | None]:
    """Is this a question about a quantity, and what unit does it count (e.g. 'troops')?

    "How many troops were killed or wounded" counts casualties, not troops."""
    phrase = _counted_phrase(question)
    if phrase is not None:
        return True, "casualties" if _CASUALTY.search(question) else _head_noun(phrase)
    if _SIZE_Q.search(question):
        return True, None
    return False, None


def counted_noun(question: str) -> str | None:
    """The noun counted by a quantity question, even when it counts casualties: 'civilians' in
    "how many civilians have died" (``quantity_target`` then says 'casualties')."""
    phrase = _counted_phrase(question)
    noun = _head_noun(phrase) if phrase is not None else None
    return noun if noun and noun not in _PHRASE_END else None


def unit_family(unit: str | None) -> set[str] | None:
    if not unit:
        return None
    unit = unit.lower()
    fam: set[str] = set()
    for group in UNIT_SYNONYMS:
        if unit in group or unit.rstrip("s") in group:
            fam |= group
    return fam or {unit, unit.rstrip("s"), unit + "s"}
