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
import shutil
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
    return root / "langid" / f"py3langid-{version('py3langid')}-{st.st_size}-{st.st_mtime_ns}"


_ARRAYS = ("nb_ptc", "tk_nextmove")  # the two large tables (28 MB, 39 MB): memory-mapped, read where touched


def _read_memo(memo: Path):
    import numpy as np
    from py3langid.langid import LanguageIdentifier

    small = pickle.loads((memo / "small.pickle").read_bytes())
    big = {name: np.load(memo / f"{name}.npy", mmap_mode="r", allow_pickle=False) for name in _ARRAYS}
    return LanguageIdentifier(big["nb_ptc"], small["nb_pc"], small["nb_classes"], big["tk_nextmove"],
                              small["tk_output"], norm_probs=True, tk_row=small["tk_row"])


def _write_memo(memo: Path, ident) -> None:
    import numpy as np

    tmp = memo.with_name(f".{memo.name}.{secrets.token_hex(4)}.tmp")
    tmp.mkdir(parents=True)
    try:
        for name in _ARRAYS:
            np.save(tmp / f"{name}.npy", np.asarray(getattr(ident, name)), allow_pickle=False)
        small = {k: getattr(ident, k) for k in ("nb_pc", "nb_classes", "tk_output", "tk_row")}
        (tmp / "small.pickle").write_bytes(pickle.dumps(small, protocol=5))
        if memo.exists():  # a damaged memo: replaced whole
            shutil.rmtree(memo, ignore_errors=True)
        os.replace(tmp, memo)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


@lru_cache(maxsize=1)
def _identifier():
    """The py3langid model with normalised probabilities, loaded on first use.

    The packaged model is LZMA-compressed: unpacking it took 0.4 s of every cold ``factqa ask``, and
    reading it back whole from a pickle 0.1 s. It is unpacked once into factqa's cache (keyed by
    py3langid's version and the model file's size and mtime): its two large tables as ``.npy`` files
    that are memory-mapped (a question touches a few hundred of their rows), the rest pickled (a few
    hundred kB). Same identifier, same probabilities (tests/test_lang.py)."""
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    model_file = Path(MODEL_FILE)
    memo = _memo_path(model_file if model_file.is_absolute() else Path(MODEL_DIR) / model_file)
    try:
        return _read_memo(memo)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError, KeyError, TypeError):
        pass  # first use, or an unreadable memo: build it again
    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    try:
        _write_memo(memo, ident)
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
