"""Lexical side of the store: tokenisation that survives spelling variants, and BM25 (bm25s).

Tokens are lower-cased, numbers lose their thousands separators ("11,000" -> "11000"),
accents are removed and one transliteration ending folds together (-yy / -iy -> -y),
stop words go and the rest is Snowball-stemmed (PyStemmer).
"""
from __future__ import annotations

import importlib.util
import json
import re
import sys
import unicodedata
from functools import lru_cache
from pathlib import Path

import numpy as np

_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)
_NUM_SEP = re.compile(r"(?<=\d),(?=\d{3}\b)")


@lru_cache(maxsize=1)
def _bm25s():
    """bm25s, imported lazily; its import forces its logger to DEBUG, which we undo so the
    application's logging configuration applies to it like to any other library."""
    import logging

    import bm25s

    logging.getLogger("bm25s").setLevel(logging.NOTSET)
    return bm25s


@lru_cache(maxsize=1)
def _stemmer():
    import Stemmer

    return Stemmer.Stemmer("english")


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    return frozenset(_bm25s_stopwords()) - {"no", "not", "nor", "against", "up", "over", "more", "most"}


def _bm25s_stopwords() -> tuple[str, ...]:
    """bm25s' English stop words. Read from its ``stopwords.py`` (a module of plain tuples) without
    importing the ``bm25s`` package, whose import (scipy.sparse, tqdm, ~0.15 s of CPU) a query that
    only reads a saved index (``_SavedBM25``) does not need."""
    if "bm25s" in sys.modules:
        from bm25s.stopwords import STOPWORDS_EN

        return STOPWORDS_EN
    spec = importlib.util.find_spec("bm25s")  # locates the package; imports nothing
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("bm25s is not installed")
    path = Path(next(iter(spec.submodule_search_locations))) / "stopwords.py"
    sub = importlib.util.spec_from_file_location("_factqa_bm25s_stopwords", path)
    mod = importlib.util.module_from_spec(sub)
    sub.loader.exec_module(mod)
    return mod.STOPWORDS_EN


def fold_variant(word: str) -> str:
    """Fold spelling variants of one lower-cased word by rule (no list of names): possessive 's
    dropped, accents removed, a romanised -yy / -iy ending read as -y. Other variants of a name
    (an older spelling, an acronym) are matched at answer time through the corpus (qa.names)."""
    word = word.replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    if not word.isascii():
        word = "".join(ch for ch in unicodedata.normalize("NFKD", word) if not unicodedata.combining(ch))
    if len(word) >= 6 and (word.endswith("yy") or word.endswith("iy")):
        return word[:-2] + "y"
    return word


def tokenize(text: str) -> list[str]:
    """Tokens for BM25: folded, stop-worded, stemmed; numbers kept whole."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = _NUM_SEP.sub("", text)
    stop = _stopwords()
    words = []
    for m in _TOKEN.finditer(text):
        w = m.group(0)
        if w[0].isdigit():
            words.append(w.replace(",", ""))
            continue
        w = fold_variant(w)
        if w in stop or len(w) < 2 and w not in {"x"}:
            continue
        words.append(w)
    stemmed = _stemmer().stemWords([w for w in words if not w[0].isdigit()])
    out, k = [], 0
    for w in words:
        if w[0].isdigit():
            out.append(w)
        else:
            out.append(stemmed[k])
            k += 1
    return out


class LexicalIndex:
    """BM25 over chunk texts. Saved with bm25s' own numpy/json format (no pickle)."""

    def __init__(self, retriever=None, size: int = 0) -> None:
        self._r = retriever
        self.size = size

    @classmethod
    def build(cls, texts: list[str]) -> "LexicalIndex":
        r = _bm25s().BM25()
        if texts:
            r.index([tokenize(t) or ["<empty>"] for t in texts], show_progress=False)
        return cls(r if texts else None, len(texts))

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        if self._r is not None:
            self._r.save(str(folder), allow_pickle=False, show_progress=False)
        (folder / "size.txt").write_text(str(self.size))

    @classmethod
    def load(cls, folder: Path) -> "LexicalIndex":
        size = int((folder / "size.txt").read_text().strip())
        if size == 0:
            return cls(None, 0)
        r = _SavedBM25.read(folder)
        if r is None:  # a scoring method with a non-occurrence term: bm25s itself scores it
            r = _bm25s().BM25.load(str(folder), allow_pickle=False, show_progress=False, verbosity=0)
        return cls(r, size)

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every chunk for ``query`` (zeros when no query term is known)."""
        if self._r is None:
            return np.zeros(self.size, dtype=np.float32)
        toks = [t for t in tokenize(query) if t in self._r.vocab_dict]
        if not toks:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self._r.get_scores(toks), dtype=np.float32)

    def search(self, query: str, k: int) -> list[tuple[int, float]]:
        s = self.scores(query)
        if not len(s):
            return []
        k = min(k, len(s))
        idx = np.argpartition(-s, k - 1)[:k]
        idx = idx[np.argsort(-s[idx], kind="stable")]
        return [(int(i), float(s[i])) for i in idx if s[i] > 0]


class _SavedBM25:
    """A saved bm25s index read with numpy alone, scored as ``bm25s.BM25.get_scores`` scores it.

    bm25s stores each term's precomputed BM25 contribution per document (a CSC matrix: ``data``,
    ``indices``, ``indptr``, one column per term); a query's score is the sum of its terms' columns,
    added in query-term order with ``np.add.at`` exactly as bm25s 0.3 does (same float32 sums; checked
    in tests/test_lexical_reader.py). Methods whose score has a non-occurrence term (``bm25l``,
    ``bm25+``) are left to bm25s (``read`` returns None); factqa builds ``lucene``."""

    _PLAIN = {"lucene", "robertson", "atire"}

    def __init__(self, vocab: dict[str, int], data: np.ndarray, indices: np.ndarray, indptr: np.ndarray,
                 num_docs: int, dtype: np.dtype, int_dtype: np.dtype) -> None:
        self.vocab_dict = vocab
        self._data, self._indices, self._indptr = data, indices, indptr
        self._num_docs, self._dtype, self._int_dtype = num_docs, dtype, int_dtype

    @classmethod
    def read(cls, folder: Path) -> "_SavedBM25 | None":
        params = json.loads((folder / "params.index.json").read_text(encoding="utf-8"))
        if params.get("method", "lucene") not in cls._PLAIN or (folder / "nonoccurrence_array.index.npy").exists():
            return None
        vocab = json.loads((folder / "vocab.index.json").read_text(encoding="utf-8"))
        arrays = [np.load(folder / f"{n}.csc.index.npy", allow_pickle=False) for n in ("data", "indices", "indptr")]
        return cls(vocab, *arrays, int(params["num_docs"]), np.dtype(params.get("dtype", "float32")),
                   np.dtype(params.get("int_dtype", "int32")))

    def get_scores(self, tokens: list[str]) -> np.ndarray:
        ids = np.asarray([self.vocab_dict[t] for t in tokens if t in self.vocab_dict], dtype=self._int_dtype)
        scores = np.zeros(self._num_docs, dtype=self._dtype)
        starts, ends = self._indptr[ids], self._indptr[ids + 1]
        for a, b in zip(starts, ends):
            np.add.at(scores, self._indices[a:b], self._data[a:b])
        return scores
