"""The saved BM25 index is read and scored without importing bm25s, with bm25s' exact scores."""
import subprocess
import sys

import numpy as np

from index.lexical import LexicalIndex, _bm25s, _bm25s_stopwords, _SavedBM25, tokenize

TEXTS = [
    "The city council approved a budget of 4.2 million dollars for road repairs on Tuesday.",
    "Road repairs will start in spring, the mayor said, and the budget covers 40 kilometres.",
    "A bakery on Main Street sold 1,200 loaves of rye bread over the weekend.",
    "Council members argued about the budget for three hours before the vote.",
    "The weather service expects heavy rain and closed two mountain roads.",
]
QUERIES = ["road repairs budget", "budget budget council", "rye bread loaves 1,200", "volcano eruption",
           "the mayor said repairs would start", ""]


def test_saved_index_scores_equal_bm25s_bit_for_bit(tmp_path):
    LexicalIndex.build(TEXTS).save(tmp_path / "bm25")
    ours = LexicalIndex.load(tmp_path / "bm25")
    assert isinstance(ours._r, _SavedBM25)
    ref = _bm25s().BM25.load(str(tmp_path / "bm25"), allow_pickle=False, show_progress=False, verbosity=0)
    for q in QUERIES:
        toks = [t for t in tokenize(q) if t in ref.vocab_dict]
        want = np.asarray(ref.get_scores(toks), np.float32) if toks else np.zeros(len(TEXTS), np.float32)
        np.testing.assert_array_equal(ours.scores(q), want)
    assert ours.search("road repairs budget", 2)[0][0] in (0, 1)
    assert ours.search("volcano eruption", 3) == []


def test_stop_words_are_bm25s_own():
    from bm25s.stopwords import STOPWORDS_EN

    assert _bm25s_stopwords() == STOPWORDS_EN


def test_loading_and_searching_a_saved_index_does_not_import_bm25s(tmp_path):
    LexicalIndex.build(TEXTS).save(tmp_path / "bm25")
    code = ("import sys; from pathlib import Path; from index.lexical import LexicalIndex; "
            f"ix = LexicalIndex.load(Path({str(tmp_path / 'bm25')!r})); hits = ix.search('road repairs budget', 2); "
            "print(len(hits), 'bm25s' in sys.modules, 'scipy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.split() == ["2", "False", "False"]
