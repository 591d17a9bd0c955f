"""Chunk ranking from sentence scores (qa.retrieve.rank_chunks) and the store reads it uses:
layout, exact and HNSW sentence search, article BM25, cached sentence terms."""
from pathlib import Path

import numpy as np
import pytest

import index.store as store_mod
from index.build import update_store
from index.embed import get_embedder
from index.lexical import tokenize
from index.store import Store
from qa.config import RETRIEVAL, RetrievalConfig
from qa.retrieve import chunk_features, rank_chunks, retrieve, standardised, top_k, top_positive

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = ["How many soldiers were deployed?", "Who made the claim about the casualties?",
             "What did the minister say about the talks?"]


def test_standardised_has_mean_0_and_sd_1():
    z = standardised(np.array([1.0, 2.0, 3.0, 6.0], np.float32))
    assert abs(float(z.mean())) < 1e-6 and abs(float(z.std()) - 1.0) < 1e-6


def test_standardised_constant_scores_are_zero():
    assert standardised(np.array([2.0, 2.0, 2.0], np.float32)).tolist() == [0.0, 0.0, 0.0]


def test_top_k_is_best_first_and_breaks_ties_by_position():
    assert top_k(np.array([0.1, 0.9, 0.5, 0.9, 0.2]), 3).tolist() == [1, 3, 2]
    assert top_k(np.array([0.3, 0.1]), 5).tolist() == [0, 1]


def test_top_positive_equals_top_k_of_the_positive_scores():
    """add_top_sentences reads top_k(cosines, n) minus the scores at or below 0; top_positive gives exactly that
    from the positive scores only, ties at the n-th place (duplicate sentences) included."""
    rng = np.random.default_rng(7)
    ties = 0
    for case in range(400):
        size = int(rng.integers(1, 300))
        scores = np.zeros(size, np.float32)
        scored = rng.random(size) < rng.random()  # rank_chunks scores some sentences, the rest stay 0
        scores[scored] = np.round(rng.normal(0.2, 0.3, int(scored.sum())), int(rng.integers(1, 4)))
        for n in (1, 3, 40, 500):
            want = [r for r in top_k(scores, n).tolist() if scores[r] > 0]
            got = top_positive(scores, n).tolist()
            assert got == want, (case, n)
            pos = np.sort(scores[scores > 0])[::-1]
            ties += len(pos) > n and pos[n - 1] == pos[n]
    assert ties > 20  # the fallback for a tie across the n-th place was exercised
    assert top_positive(np.zeros(5, np.float32), 3).tolist() == [] and top_positive(np.ones(2, np.float32), 0).tolist() == []


def test_retrieval_config_rejects_negative_weights():
    with pytest.raises(ValueError, match="second_weight must be 0 or more"):
        RetrievalConfig(second_weight=-0.1)


def test_layout_chunk_rows_are_the_sentences_inside_each_chunk(store):
    lay = store.layout
    for ci, c in enumerate(store.chunks):
        inside = [i for i in store.sentences_of(c.doc_id)
                  if store.sentences[i].start >= c.start and store.sentences[i].end <= c.end]
        assert lay.chunk_rows[ci].tolist() == inside
        assert store.layout.doc_ids[lay.chunk_doc[ci]] == c.doc_id
        for r in inside:  # the inverse map holds every chunk a sentence is in
            assert ci in lay.sentence_chunks[lay.sentence_chunk_ptr[r]:lay.sentence_chunk_ptr[r + 1]]


def test_exact_sentence_search_equals_the_full_product(store):
    qv = get_embedder().encode([QUESTIONS[0]])[0]
    sims = store.sentence_vectors @ qv
    got = store.sentence_search(qv, 7)
    assert [r for r, _ in got] == np.argsort(-sims, kind="stable")[:7].tolist()
    assert all(abs(s - float(sims[r])) < 1e-5 for r, s in got)


def test_rank_chunks_equals_scoring_every_chunk(store):
    """The candidate pools give the exhaustive ranking (seed store: every chunk a candidate or below)."""
    emb = get_embedder()
    for q in QUESTIONS:
        qv = emb.encode([q])[0]
        ranked, _ = rank_chunks(store, qv, q)
        sims = store.sentence_vectors @ qv
        all_chunks = np.arange(len(store.chunks))
        best, second = chunk_features(store, sims, all_chunks)
        z = standardised(store.article_lexical_scores(q))[store.layout.chunk_doc]
        full = best + RETRIEVAL.second_weight * second + RETRIEVAL.article_bm25_weight * z
        want = top_k(full, RETRIEVAL.k_chunks).tolist()
        assert [c for c, _ in ranked[:RETRIEVAL.k_chunks]] == want
        assert all(abs(s - float(full[c])) < 1e-5 for c, s in ranked[:RETRIEVAL.k_chunks])


def test_second_best_sentence_is_the_best_again_for_one_sentence_chunks(store):
    sims = np.linspace(0.0, 1.0, len(store.sentences)).astype(np.float32)
    best, second = chunk_features(store, sims, np.arange(len(store.chunks)))
    for ci, rows in enumerate(store.layout.chunk_rows):
        vals = sorted(sims[rows].tolist(), reverse=True)
        assert best[ci] == pytest.approx(vals[0]) and second[ci] == pytest.approx(vals[1] if len(vals) > 1 else vals[0])


def test_article_bm25_built_in_memory_equals_the_stored_index(store):
    q = "troops deployed to the region"
    stored = store.article_lexical_scores(q)
    copy = Store(store.path).load()
    copy._article_lexical = None  # as a store written before bm25-articles, or the Milvus store
    assert np.allclose(copy.article_lexical_scores(q), stored)
    assert len(stored) == len(store.articles) and stored.max() > 0


def test_article_weight_lifts_the_chunks_of_the_article_bm25_prefers(store):
    q = QUESTIONS[1]
    qv = get_embedder().encode([q])[0]
    bm = store.article_lexical_scores(q)
    fav = store.layout.doc_ids[int(np.argmax(bm))]
    plain, _ = rank_chunks(store, qv, q, RetrievalConfig(article_bm25_weight=0.0))
    heavy, _ = rank_chunks(store, qv, q, RetrievalConfig(article_bm25_weight=10.0))
    assert store.chunks[heavy[0][0]].doc_id == fav
    assert [c for c, _ in plain] != [c for c, _ in heavy] or store.chunks[plain[0][0]].doc_id == fav


def test_sentence_terms_are_the_tokens_and_cached(store):
    t = store.sentence_terms(0)
    assert t == frozenset(tokenize(store.sentences[0].text)) and store.sentence_terms(0) is t


def test_evidence_dense_scores_are_exact_cosines(store):
    emb = get_embedder()
    r = retrieve(store, emb, QUESTIONS[2])
    sims = store.sentence_vectors @ r.query_vector
    assert r.evidence and all(abs(e.dense - float(sims[e.row])) < 1e-5 for e in r.evidence)


def test_store_past_the_sentence_threshold_searches_an_hnsw_graph(tmp_path, monkeypatch):
    monkeypatch.setattr(store_mod, "SENTENCE_ANN_THRESHOLD", 10)
    update_store(tmp_path / "s", [ROOT / "seeds"], mode="build", model="hash-64", progress=False)
    s = Store(tmp_path / "s").load()
    assert s._sentence_ann is not None and s._sentence_ann.ntotal == len(s.sentences)
    emb = get_embedder("hash-64")
    for q in QUESTIONS:
        qv = emb.encode([q])[0]
        exact = np.argsort(-(s.sentence_vectors @ qv), kind="stable")[:5].tolist()
        assert [r for r, _ in s.sentence_search(qv, 5)] == exact  # 107 sentences: the graph is exact


def test_a_rebuilt_store_is_stale_and_an_unchanged_one_is_not(store_copy, tmp_path):
    s = Store(store_copy).load()
    assert not s.is_stale() and not s.is_stale()
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "a.txt").write_text("Officials said the new bridge opened on Monday after three years of work.\n")
    update_store(store_copy, [extra], mode="add", progress=False)
    assert s.is_stale()


def test_top_sentences_join_the_candidates_outside_the_handed_chunks(store):
    # one handed chunk; of the 8 sentences closest to the question, those of other articles join
    emb = get_embedder()
    only = RetrievalConfig(k_chunks=1, top_sentences=0)
    more = RetrievalConfig(k_chunks=1, top_sentences=8, top_sentence_penalty=0.0)
    a = retrieve(store, emb, QUESTIONS[0], k_sentences=200, cfg=only)
    b = retrieve(store, emb, QUESTIONS[0], k_sentences=200, cfg=more)
    handed = {r for c, _ in a.chunks for r in store.sentences_in_chunk(c)}
    assert {e.row for e in a.evidence} <= handed
    sims = store.sentence_vectors @ b.query_vector
    best = set(np.argsort(-sims)[:8].tolist())
    docs = {store.sentences[r].doc_id for r in handed}
    extra = {e.row: e for e in b.evidence if e.row not in handed}
    assert extra and set(extra) <= best
    # of the best sentences, those of other articles join; the handed article adds none of its own
    assert {r for r in best if store.sentences[r].doc_id not in docs} <= {e.row for e in b.evidence}
    assert all(store.sentences[r].doc_id not in docs for r in extra)
    assert all(e.chunk_rank == len(b.chunks) for e in extra.values())


def test_top_sentences_must_not_be_negative():
    with pytest.raises(ValueError):
        RetrievalConfig(top_sentences=-1)


def test_top_sentence_penalty_is_taken_from_the_added_sentences_only(store):
    emb = get_embedder()
    cfg = dict(k_chunks=1, top_sentences=8)
    a = retrieve(store, emb, QUESTIONS[0], k_sentences=200, cfg=RetrievalConfig(**cfg, top_sentence_penalty=0.0))
    b = retrieve(store, emb, QUESTIONS[0], k_sentences=200, cfg=RetrievalConfig(**cfg, top_sentence_penalty=0.1))
    handed = {r for c, _ in a.chunks for r in store.sentences_in_chunk(c)}
    sa, sb = {e.row: e.score for e in a.evidence}, {e.row: e.score for e in b.evidence}
    assert sa.keys() == sb.keys() and len(sa) > len(handed)
    assert all(abs(sa[r] - sb[r] - (0.0 if r in handed else 0.1)) < 1e-9 for r in sa)
