"""Which language is a question in? (py3langid, a naive Bayes identifier over 97 languages.)

The embedding model and the rules of factqa handle English only, so a question in another
language is refused with a clear message. Short English questions ("Who won?", "Why?") and
headline-style queries full of names look like many languages at once; they are kept because
the rule is on the probability of English, not on the top language: a question is non-English
only when English is all but excluded. See ``docs/lang/langid.md`` for the measurement.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class LangConfig:
    # Below this normalised probability of English a question is refused as non-English.
    # Chosen by `python -m qa.eval.lang_bench` (docs/lang/langid.md): English questions had
    # P(en) >= 0.011 (headline queries of names), Spanish/French/German/Russian/Korean ones
    # <= 0.0005; 0.002 sits between them with a margin of about 5x on each side.
    min_english_probability: float = 0.002


LANG = LangConfig()
_LOCK = threading.Lock()


@dataclass(frozen=True)
class LanguageGuess:
    code: str  # ISO 639-1 code: "en" when English is plausible, else the most likely language
    english_probability: float  # normalised over the identifier's 97 languages

    @property
    def is_english(self) -> bool:
        return self.code == "en"


@lru_cache(maxsize=1)
def _identifier():
    """The py3langid model with normalised probabilities, loaded on first use."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect(text: str, config: LangConfig = LANG) -> LanguageGuess:
    """The language of ``text``; English unless its probability is below ``config.min_english_probability``."""
    with _LOCK:  # one identifier shared by threads (the chat answers concurrent users)
        ranked = _identifier().rank(text)
    p_en = next((float(p) for code, p in ranked if code == "en"), 0.0)
    code = "en" if p_en >= config.min_english_probability else str(ranked[0][0])
    return LanguageGuess(code, p_en)


def is_english(text: str) -> bool:
    return detect(text).is_english
