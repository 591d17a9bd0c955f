"""Validate questions (length, language). What a question asks for is its frame: ``qa.parse.question_frame``.

Counted nouns are compared by ``qa.figures.counts_same`` on both the answer and the claim path."""
from __future__ import annotations

import re
import unicodedata

from qa.errors import BadQuestionError

MAX_QUESTION_CHARS = 2000


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


_TOKEN = re.compile(r"(?<!\S)[\w/.]+(?=[\s?!,;:]|$)")


def expand_shorthand(text: str) -> str:
    """Chat shorthand written out (``qa.lexicon.SHORTHAND``): "how many ppl" -> "how many people".
    A word is replaced only as a whole, lower-case or capitalised (a single letter only in lower case),
    never inside a name ("R&B", "U Thant")."""
    from qa.lexicon import SHORTHAND

    def repl(m: re.Match) -> str:
        w = m.group(0)
        key = w.lower()
        if key not in SHORTHAND and key.rstrip(".") in SHORTHAND:
            key = key.rstrip(".")
        if key not in SHORTHAND or (w.isupper() and len(w) > 1) or (len(key) == 1 and w != key):
            return w  # "US", "R" and "U Thant" are names
        out = SHORTHAND[key]
        tail = w[len(key):] if len(w) > len(key) else ""
        return (out[0].upper() + out[1:] if w[0].isupper() else out) + tail

    return _TOKEN.sub(repl, text)


def non_english(text: str) -> bool:
    """True when most letters are outside the Latin script (the models here are English-only)."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return False
    latin = sum(1 for ch in letters if "LATIN" in unicodedata.name(ch, ""))
    return latin / len(letters) < 0.5
