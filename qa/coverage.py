"""Does the evidence speak to what the question asks? Term coverage with embedding fallback.

A question about "tanks" or "population" can retrieve sentences that are very similar overall
(troops, Kursk) and still not answer it. Each content term of the question must appear in the
evidence, or have a close neighbour there by word embedding (soldiers ~ troops, dispatch ~ send).
"""
from __future__ import annotations

import re
import threading

import numpy as np

from index.lexical import fold_variant, tokenize

GENERIC = {
    "how", "many", "much", "what", "who", "whom", "whose", "when", "where", "which", "why", "say", "said", "says",
    "tell", "told", "report", "reported", "according", "number", "figure", "figures", "article", "articles",
    "claim", "claims", "state", "stated", "mention", "mentioned", "describe", "described", "give", "given",
    "accord", "estim", "total", "exact", "exactly", "current", "currently", "also", "actual", "actually", "per",
    "becom", "time", "year", "day", "week", "month", "first", "last", "mani", "much", "name", "kind", "type",
}
SIM_COVERED = 0.62


class WordCache:
    """Embeddings of single words, cached per process (cheap: a handful per question)."""

    def __init__(self, embedder) -> None:
        self.embedder = embedder
        self._cache: dict[str, np.ndarray] = {}
        self._lock = threading.Lock()

    def vectors(self, words: list[str]) -> np.ndarray:
        missing = [w for w in dict.fromkeys(words) if w not in self._cache]
        if missing:
            vecs = self.embedder.encode(missing)
            with self._lock:
                for w, v in zip(missing, vecs):
                    if len(self._cache) > 50000:
                        self._cache.clear()
                    self._cache[w] = v
        return np.stack([self._cache[w] for w in words]) if words else np.zeros((0, 1), np.float32)


_WORD = re.compile(r"[^\W\d_]{3,}")


def content_words(text: str) -> dict[str, str]:
    """Stemmed content term -> one surface word, for the question's content words."""
    out: dict[str, str] = {}
    for m in _WORD.finditer(text):
        w = m.group(0)
        toks = tokenize(w)
        if not toks:
            continue
        t = toks[0]
        if t in GENERIC or w.lower() in GENERIC:
            continue
        out.setdefault(t, fold_variant(w.lower()))
    return out


def uncovered_terms(question: str, sentences: list[str], words: WordCache, threshold: float = SIM_COVERED) -> list[str]:
    """Question content words that neither occur in ``sentences`` nor have a close word there."""
    q = content_words(question)
    if not q or not sentences:
        return list(q.values())
    ev_tokens: set[str] = set()
    ev_words: set[str] = set()
    for s in sentences:
        ev_tokens.update(tokenize(s))
        ev_words.update(fold_variant(w.lower()) for w in _WORD.findall(s))
    missing = {t: w for t, w in q.items() if t not in ev_tokens}
    if not missing:
        return []
    cand = sorted(ev_words)[:2000]
    mv = words.vectors(list(missing.values()))
    ev = words.vectors(cand)
    sims = mv @ ev.T if len(cand) else np.zeros((len(missing), 1))
    return [w for w, row in zip(missing.values(), sims) if float(row.max(initial=0.0)) < threshold]
