"""A simple BM25 baseline, measured on the same data as the engine.

``BaselineEngine(store)`` has the engine's ``ask`` / ``check`` / ``article_text`` / ``warm``
interface and returns the same ``qa.types.Answer`` records, but does only this:

- retrieval: BM25 over the store's chunks (``Store.lexical_search``), nothing dense; ``retrieved``
  is the chunks' doc ids in BM25 rank order;
- ``ask``: the answer is the single sentence, among the sentences of the top ``TOP_CHUNKS``
  chunks, that shares the most content terms with the question (ties: the better-ranked chunk,
  then the earlier sentence), cited verbatim (``quote == article.text[start:end]``); it abstains
  only when no sentence shares a term with the question;
- ``check``: the same top sentence; "supported" when it contains at least ``SUPPORT_SHARE`` (60%)
  of the claim's content terms, else "not_enough_evidence" (never "refuted" or "conflicting").

Content terms are ``index.lexical.tokenize`` tokens (stop words removed, stemmed, numbers whole)
minus question words. No model is loaded.
"""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from typing import TYPE_CHECKING

from qa.errors import BadQuestionError
from qa.types import Answer, Citation

if TYPE_CHECKING:  # pragma: no cover
    from index.store import Store

# index.lexical / index.store (numpy, bm25s) are imported where used, so that importing this module
# (``factqa eval --help`` lists MODES) stays light.

TOP_CHUNKS = 5
POOL = 30  # chunks retrieved, for the doc ranking
SUPPORT_SHARE = 0.6
MODES = ("hybrid", "dense", "bm25", "baseline")
_QUESTION_WORDS = ("how many much what who whom whose when where which why did does do is are was were has have "
                   "according")


@lru_cache(maxsize=1)
def _question_terms() -> frozenset[str]:
    from index.lexical import tokenize

    return frozenset(tokenize(_QUESTION_WORDS)) | frozenset(_QUESTION_WORDS.split())


def content_terms(text: str) -> set[str]:
    """Stemmed content tokens of ``text`` without question words."""
    from index.lexical import tokenize

    return {t for t in tokenize(text) if t not in _question_terms()}


class BaselineEngine:
    """BM25-only retrieval and a one-sentence extractive answer (see the module docstring)."""

    mode = "baseline"

    def __init__(self, store: "str | Path | Store | None" = None) -> None:
        from index.store import Store, default_store_path

        if isinstance(store, Store):
            self._store: Store | None = store
            self.store_path = store.path
        else:
            self._store = None
            self.store_path = Path(store) if store else default_store_path()
        self._lock = threading.Lock()

    @property
    def store(self) -> "Store":
        from index.store import Store

        with self._lock:
            if self._store is None or self._store.is_stale():
                self._store = Store(self.store_path).load()
            return self._store

    def warm(self) -> "BaselineEngine":
        """Load the store now (there is no model to load)."""
        self.store
        return self

    def article_text(self, doc_id: str) -> str | None:
        return self.store.article_text(doc_id)

    # -- the two operations --------------------------------------------------------------------
    def ask(self, question: str, history: list[str] | None = None, *, as_of=None) -> Answer:  # as_of: unused
        q, store, best, overlap, terms = self._lookup(question)
        if best is None or overlap == 0:
            return Answer(question=q.text, mode="ask", answer="The articles don't say.", short_answer=None,
                          answerable=False, verdict=None, timings_ms=q.timings(), retrieved=q.retrieved)
        citation = _citation(store, best, overlap / len(terms) if terms else 0.0)
        return Answer(question=q.text, mode="ask", answer=f"{citation.quote} [1]", short_answer=citation.quote,
                      answerable=True, verdict=None, citations=(citation,), timings_ms=q.timings(),
                      retrieved=q.retrieved)

    def check(self, claim: str) -> Answer:
        q, store, best, overlap, terms = self._lookup(claim)
        share = overlap / len(terms) if terms else 0.0
        supported = best is not None and share >= SUPPORT_SHARE
        verdict = "supported" if supported else "not_enough_evidence"
        reason = (f"the top sentence contains {overlap} of the claim's {len(terms)} content terms "
                  f"({share:.0%}; support needs {SUPPORT_SHARE:.0%})")
        citations: tuple[Citation, ...] = ()
        lines = [("Supported" if supported else "Not enough evidence") + f": {reason}."]
        if best is not None and overlap:
            stance = "supports" if supported else "neutral"
            citations = (_citation(store, best, share, stance=stance, reason=reason),)
            lines.append(f"[1] {stance}: {citations[0].quote}")
        return Answer(question=q.text, mode="check", answer=" ".join(lines),
                      short_answer="Supported" if supported else "Not enough evidence", answerable=supported,
                      verdict=verdict, citations=citations, timings_ms=q.timings(),
                      retrieved=q.retrieved, reason=reason)

    # -- helpers -------------------------------------------------------------------------------
    def _lookup(self, text: str) -> "tuple[_Query, Store, int | None, int, set[str]]":
        """The cleaned text timed through retrieval, and the top sentence's row and term overlap."""
        t0 = time.perf_counter()
        text = _clean(text)
        store = self.store
        t1 = time.perf_counter()
        hits = store.lexical_search(text, POOL)
        retrieved = tuple(dict.fromkeys(h.chunk.doc_id for h in hits))
        t2 = time.perf_counter()
        terms = content_terms(text)
        best, overlap = self._top_sentence(store, hits, terms)
        return _Query(text, retrieved, t0, t1, t2), store, best, overlap, terms

    @staticmethod
    def _top_sentence(store: Store, hits, terms: set[str]) -> tuple[int | None, int]:
        """Row of the sentence with the most question terms among the top chunks, and that count."""
        best, best_key = None, None
        seen: set[int] = set()
        for rank, hit in enumerate(hits[:TOP_CHUNKS]):
            for row in store.sentences_in_chunk(hit.chunk):
                if row in seen:
                    continue
                seen.add(row)
                overlap = len(terms & content_terms(store.sentences[row].text))
                key = (overlap, -rank, -row)
                if best_key is None or key > best_key:
                    best, best_key = row, key
        return best, (best_key[0] if best_key else 0)


def _clean(text: str) -> str:
    text = " ".join((text or "").split())
    if not text:
        raise BadQuestionError("the question is empty")
    return text


def _citation(store: Store, row: int, score: float, stance: str | None = None, reason: str | None = None) -> Citation:
    s = store.sentences[row]
    art = store.articles[s.doc_id]
    assert art.text[s.start:s.end] == s.text  # never cite what the store does not hold
    return Citation(n=1, doc_id=s.doc_id, title=art.title, chunk_id=s.chunk_id, quote=s.text, start=s.start,
                    end=s.end, score=round(float(score), 4), stance=stance, outlet=art.outlet, date=art.date,
                    reason=reason)


@dataclass(frozen=True)
class _Query:
    """A cleaned question or claim, the doc ids retrieved for it, and when each step started."""

    text: str
    retrieved: tuple[str, ...]
    t0: float  # received
    t1: float  # store loaded, retrieval starts
    t2: float  # retrieval done, the answer starts

    def timings(self) -> dict[str, float]:
        t3 = time.perf_counter()
        return {"retrieve": round((self.t2 - self.t1) * 1000, 2), "answer": round((t3 - self.t2) * 1000, 2),
                "total": round((t3 - self.t0) * 1000, 2)}


def make_engine(store: str | Path | None, mode: str = "hybrid"):
    """``qa.engine.Engine`` in ``mode`` (hybrid, dense, bm25), or the ``BaselineEngine``."""
    if mode not in MODES:
        raise ValueError(f"mode must be one of {', '.join(MODES)}; got {mode!r}")
    if mode == "baseline":
        return BaselineEngine(store)
    from qa.engine import Engine

    return Engine(store) if mode == "hybrid" else Engine(store, mode=mode)  # hybrid: the engine's default


def store_model(engine) -> str | None:
    """The embedding model named in the manifest of ``engine``'s store, if it has one."""
    try:
        return engine.store.manifest.get("model")
    except Exception:  # noqa: BLE001 - an engine without a real store (a test double)
        return None
