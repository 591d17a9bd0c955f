"""The share of a question's names an article holds (qa.retrieve.named_words, name_coverage, rank_chunks' cover)."""
import numpy as np

from index.lexical import LexicalIndex
from qa.retrieve import name_coverage, named_words


class _Store:
    """The two things name_coverage reads: the articles (their count) and their BM25 scores."""

    def __init__(self, texts: list[str]) -> None:
        self.articles = {f"d{i}": t for i, t in enumerate(texts)}
        self._bm = LexicalIndex.build(texts)

    def article_lexical_scores(self, query: str) -> np.ndarray:
        return self._bm.scores(query)


TEXTS = ["The Harwick mill in Tallon closed after the flood, the council said.",
         "Flood waters reached Tallon again on Monday; the council met.",
         "The council in Tallon approved a new budget for schools.",
         "A bakery opened near the station."]


def test_an_article_naming_every_name_covers_fully():
    cover = name_coverage(_Store(TEXTS), ["Harwick", "Tallon"])
    assert cover is not None
    assert cover[0] == np.float32(1.0)  # names both
    assert 0 < cover[1] == cover[2] < 0.5  # names only Tallon, the commoner name (lower weight)
    assert cover[3] == 0.0


def test_names_no_article_holds_are_left_out():
    store = _Store(TEXTS)
    assert np.allclose(name_coverage(store, ["Harwick", "Tallon", "Quorvant"]), name_coverage(store, ["Harwick", "Tallon"]))
    assert name_coverage(store, ["Quorvant"]) is None
    assert name_coverage(store, []) is None


def test_named_words_reads_proper_nouns_and_entities():
    from qa.nlp import parsed

    words = named_words(parsed("When did the Harwick mill in Tallon close after the flood?"))
    assert "Tallon" in words and "Harwick" in words
    assert "flood" not in words and "close" not in words


def test_cover_adds_to_the_chunk_score_only_when_weighted():
    from dataclasses import replace

    from qa.config import RETRIEVAL
    from qa.retrieve import rank_chunks

    class _Layout:
        chunk_doc = np.array([0, 1])
        doc_chunks = [np.array([0]), np.array([1])]
        chunk_rows_padded = np.array([[0], [1]])
        sentence_chunk_ptr = np.array([0, 1, 2])
        sentence_chunks = np.array([0, 1])

    class _S:
        layout = _Layout()
        sentences = [object(), object()]
        chunks = [object(), object()]
        sentence_vectors = np.array([[1.0, 0.0], [0.9, 0.1]], np.float32)

        def sentence_search(self, qv, k):
            return [(0, 1.0), (1, 0.9)]

    qv = np.array([1.0, 0.0], np.float32)
    cfg = replace(RETRIEVAL, article_bm25_weight=0.0)
    off, _ = rank_chunks(_S(), qv, "q", cfg, cover=np.array([0.0, 1.0], np.float32))
    assert off[0][0] == 0  # the weight is 0: cover changes nothing
    on, _ = rank_chunks(_S(), qv, "q", replace(cfg, name_cover_weight=0.2), cover=np.array([0.0, 1.0], np.float32))
    assert on[0][0] == 1  # the chunk of the article that names the question's names moves first
