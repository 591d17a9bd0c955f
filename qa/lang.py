"""Which language is a question in? (py3langid, a naive Bayes identifier over 97 languages.)

The embedding model and the rules of factqa handle English only, so a question in another
language is refused with a clear message. Short English questions ("Who won?", "Why?") and
headline-style queries full of names look like many languages at once; they are kept because
the rule is on the probability of English, not on the top language: a question is non-English
only when English is all but excluded. See ``docs/lang/langid.md`` for the measurement.
"""
from __future__ import annotations

import logging
import os
import pickle
import secrets
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

log = logging.getLogger(__name__)


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


def _memo_path(model_file: Path) -> Path:
    from importlib.metadata import version

    st = model_file.stat()
    root = Path(os.environ.get("FACTQA_CACHE", Path.home() / ".cache" / "factqa"))
    return root / "langid" / f"py3langid-{version('py3langid')}-{st.st_size}-{st.st_mtime_ns}.pickle"


@lru_cache(maxsize=1)
def _identifier():
    """The py3langid model with normalised probabilities, loaded on first use.

    The packaged model is LZMA-compressed: unpacking it took 0.4 s of every cold ``factqa ask``.
    The built identifier is kept in factqa's cache (keyed by py3langid's version and the model
    file's size and mtime) and read back in about 0.1 s; it is only ever read from there."""
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    model_file = Path(MODEL_FILE)
    memo = _memo_path(model_file if model_file.is_absolute() else Path(MODEL_DIR) / model_file)
    try:
        ident = pickle.loads(memo.read_bytes())
        if isinstance(ident, LanguageIdentifier):
            return ident
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
        pass  # first use, or an unreadable memo: build it again
    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    try:
        memo.parent.mkdir(parents=True, exist_ok=True)
        tmp = memo.with_name(f".{memo.name}.{secrets.token_hex(4)}.tmp")
        tmp.write_bytes(pickle.dumps(ident, protocol=5))
        os.replace(tmp, memo)
    except OSError as exc:  # a read-only cache only costs the unpacking next time
        log.debug("cannot keep the language model in %s: %s", memo, exc)
    return ident


def detect(text: str, config: LangConfig = LANG) -> LanguageGuess:
    """The language of ``text``; English unless its probability is below ``config.min_english_probability``."""
    with _LOCK:  # one identifier shared by threads (the chat answers concurrent users)
        ranked = _identifier().rank(text)
    p_en = next((float(p) for code, p in ranked if code == "en"), 0.0)
    code = "en" if p_en >= config.min_english_probability else str(ranked[0][0])
    return LanguageGuess(code, p_en)


def is_english(text: str) -> bool:
    return detect(text).is_english
