"""The seed corpus on Milvus Lite is the seed corpus on files: same records, same vectors, and the
same answers, verdicts and citations on every question of the seed gold set (real model)."""
import json
from pathlib import Path

import numpy as np
import pytest

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

pytest.importorskip("pymilvus")


def _gold() -> list[dict]:
    with open(SEEDS / "gold.jsonl", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def test_milvus_build_equals_file_build(seed_store, milvus_seed_store):
    from index.backends import open_store

    f, m = open_store(seed_store).load(), open_store(milvus_seed_store).load()
    assert m.articles == f.articles and m.chunks == f.chunks and m.sentences == f.sentences
    np.testing.assert_allclose(m.sentence_vectors, f.sentence_vectors, atol=1e-6)
    np.testing.assert_allclose(m.data.chunk_vectors, f.data.chunk_vectors, atol=1e-6)
    assert m.manifest["articles"] == f.manifest["articles"]


def test_dense_and_bm25_rank_like_the_file_store(seed_store, milvus_seed_store):
    from index.backends import open_store
    from index.embed import get_embedder

    f, m = open_store(seed_store).load(), open_store(milvus_seed_store).load()
    emb = get_embedder(f.manifest["model"])
    for q in ("How many soldiers were deployed?", "What did the president warn about?"):
        qv = emb.encode([q])[0]
        assert [h.chunk.id for h in m.dense_search(qv, 10)] == [h.chunk.id for h in f.dense_search(qv, 10)]
        fl, ml = f.lexical_search(q, 30), m.lexical_search(q, 30)
        assert {h.chunk.id for h in ml} == {h.chunk.id for h in fl}
        # the same scores rank by rank (so the same order up to ties); Milvus keeps the (k1 + 1) = 2.5
        # factor of Lucene's BM25 that bm25s leaves out
        np.testing.assert_allclose([h.score / 2.5 for h in ml], [h.score for h in fl], rtol=1e-4)


def test_every_seed_gold_question_cites_the_same_sentences(seed_store, milvus_seed_store):
    from qa.engine import Engine

    on_files, on_milvus = Engine(seed_store), Engine(milvus_seed_store)
    differ = []
    for row in _gold():
        run = "check" if row["kind"] == "claim" else "ask"
        a, b = getattr(on_files, run)(row["question"]), getattr(on_milvus, run)(row["question"])
        cites_a = [(c.doc_id, c.start, c.end, c.stance) for c in a.citations]
        cites_b = [(c.doc_id, c.start, c.end, c.stance) for c in b.citations]
        if cites_a != cites_b or a.answer != b.answer or a.verdict != b.verdict:
            differ.append(row["id"])
    assert differ == []
