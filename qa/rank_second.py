"""A second, stronger sentence model's view of the ranker's candidates (``RankConfig.second_model``).

Retrieval keeps the store's own model (MiniLM by default: fast to index, fast to query); only the few candidate
sentences the ranker re-orders (``RankConfig.top_n``) are compared with the question by the second model
(``index.embed.get_embedder``, e.g. all-mpnet-base-v2). ``second_columns`` gives the ranker two columns
(``SECOND_FEATURES``): the candidate's cosine standardised within the question's candidates, and its gap to the
best candidate's cosine. Sentence vectors are computed at query time and kept per (store generation, row) in a
bounded cache (a store's sentences do not change within a generation), so a question pays for the question and
for the candidates no earlier question met.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Sequence

import numpy as np

from qa.retrieve import Evidence, standardised

SECOND_FEATURES = ("second_z", "second_gap")
CACHE_ROWS = 200_000  # sentence vectors kept (768 floats each for mpnet: ~600 MB at the bound; a memory bound)

_cache: OrderedDict[tuple[str, str, int], np.ndarray] = OrderedDict()
_lock = threading.Lock()


def _embedder(model: str, runtime: str):
    from index.embed import get_embedder

    return get_embedder(model, runtime)


def sentence_vectors(store, rows: Sequence[int], model: str, runtime: str) -> np.ndarray:
    """The second model's unit vectors of the store's sentences ``rows`` (cached per store generation and row)."""
    gen = f"{getattr(store, 'path', '')}/{getattr(store, 'generation', '')}"
    with _lock:
        have = {r: _cache.get((model, gen, r)) for r in rows}
    todo = [r for r, v in have.items() if v is None]
    if todo:
        vecs = _embedder(model, runtime).encode([store.sentences[r].text for r in todo])
        with _lock:
            for r, v in zip(todo, vecs):
                _cache[(model, gen, r)] = have[r] = v
            while len(_cache) > CACHE_ROWS:
                _cache.popitem(last=False)
    return np.vstack([have[r] for r in rows]) if rows else np.zeros((0, 1), np.float32)


def columns_from_cosines(cos: np.ndarray) -> np.ndarray:
    """The ``SECOND_FEATURES`` columns of one question's candidates from their cosines with it."""
    cos = np.asarray(cos, np.float64)
    if not len(cos):
        return np.zeros((0, len(SECOND_FEATURES)))
    return np.column_stack([standardised(cos), cos - cos.max()])


def second_columns(question: str, evidence: Sequence[Evidence], store, model: str, runtime: str) -> np.ndarray:
    """(len(evidence), len(SECOND_FEATURES)): the second model's view of each candidate (best first)."""
    if not evidence:
        return np.zeros((0, len(SECOND_FEATURES)))
    q = _embedder(model, runtime).encode([question])[0]
    return columns_from_cosines(sentence_vectors(store, [e.row for e in evidence], model, runtime) @ q)
