"""Store invariants, incremental updates, atomic writes, mismatch errors, search quality."""
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from index.build import update_store
from index.errors import StoreError, StoreMismatchError, StoreMissingError
from index.integrity import write_manifest
from index.store import Store, current_generation, make_faiss_index

ROOT = Path(__file__).resolve().parent.parent
KURSK_11K = "Washington has estimated that roughly 11,000 North Korean soldiers have been deployed to the Kursk region"


def test_every_chunk_and_sentence_round_trips_its_offsets(store):
    assert len(store.articles) == 5
    for c in store.chunks:
        assert store.articles[c.doc_id].text[c.start:c.end] == c.text
        for s, e in c.sentences:
            assert c.start <= s < e <= c.end
    for s in store.sentences:
        assert store.articles[s.doc_id].text[s.start:s.end] == s.text


def test_chunk_records_carry_provenance(store):
    c = store.chunks[0]
    assert c.doc_id == "000_374c5ab4a89fe0ab" and c.index == 0 and c.id == "000_374c5ab4a89fe0ab#0"
    assert c.title.startswith("Ukraine") and c.source.endswith("000_374c5ab4a89fe0ab.txt")


def test_chunks_respect_token_limit(store):
    from index.embed import get_embedder

    emb = get_embedder()
    limit = store.manifest["chunking"]["max_tokens"]
    for c in store.chunks:
        if len(c.sentences) > 1:
            assert sum(emb.count_tokens(c.text[s - c.start:e - c.start]) for s, e in c.sentences) <= limit


def test_manifest_records_model_and_hashes(store):
    m = store.manifest
    assert m["model"] == "sentence-transformers/all-MiniLM-L6-v2" and m["dimension"] == 384
    assert m["normalized"] is True and set(m["articles"]) == set(store.articles)


def test_semantic_search_puts_kursk_11000_in_top3(store):
    from index.embed import get_embedder

    qv = get_embedder().encode(["How many North Korean troops are in Kursk?"])[0]
    sims = store.sentence_vectors @ qv
    top = [store.sentences[i] for i in np.argsort(-sims)[:3]]
    assert any(s.doc_id == "000_374c5ab4a89fe0ab" and KURSK_11K in s.text for s in top)
    hits = store.dense_search(qv, 3)
    assert any(KURSK_11K in h.chunk.text for h in hits)


def test_rebuilding_unchanged_corpus_embeds_nothing(store_copy):
    r = update_store(store_copy, [ROOT / "seeds"], mode="build", progress=False)
    assert r.embedded_texts == 0 and len(r.unchanged) == 5 and not r.added


def test_add_new_article_embeds_only_it(store_copy, tmp_path):
    f = tmp_path / "new_story.txt"
    f.write_text("A new story\n\nThe harbour of Testport handled 4,321 ships last year, officials said.\n", encoding="utf-8")
    r = update_store(store_copy, [f], mode="add", progress=False)
    assert r.added == ["new_story"] and r.embedded_texts > 0 and len(r.unchanged) == 0
    s = Store(store_copy).load()
    assert len(s.articles) == 6 and "Testport" in s.article_text("new_story")
    r2 = update_store(store_copy, [f], mode="add", progress=False)
    assert r2.embedded_texts == 0 and r2.unchanged == ["new_story"]


def test_changed_article_is_re_embedded(store_copy, tmp_path):
    f = tmp_path / "story.txt"
    f.write_text("Story\n\nVersion one of the text.\n", encoding="utf-8")
    update_store(store_copy, [f], mode="add", progress=False)
    f.write_text("Story\n\nVersion two of the text, longer.\n", encoding="utf-8")
    r = update_store(store_copy, [f], mode="add", progress=False)
    assert r.updated == ["story"]
    assert "Version two" in Store(store_copy).load().article_text("story")


def test_duplicate_article_is_reported_not_indexed(store_copy, tmp_path):
    src = (ROOT / "seeds" / "002_3f71ce7762c062f3.txt").read_bytes()
    (tmp_path / "copy_of_002.txt").write_bytes(src)
    r = update_store(store_copy, [tmp_path / "copy_of_002.txt"], mode="add", progress=False)
    assert r.duplicates == ["copy_of_002 duplicates 002_3f71ce7762c062f3"]
    assert len(Store(store_copy).load().articles) == 5


def test_remove_article(store_copy):
    r = update_store(store_copy, None, mode="remove", remove_ids=["003_c660a855ca50e628"], progress=False)
    assert r.removed == ["003_c660a855ca50e628"] and r.embedded_texts == 0
    s = Store(store_copy).load()
    assert "003_c660a855ca50e628" not in s.articles
    assert all(c.doc_id != "003_c660a855ca50e628" for c in s.chunks)
    assert len(s.sentence_vectors) == len(s.sentences)


def test_crash_during_write_leaves_old_store_loadable(store_copy, tmp_path, monkeypatch):
    import index.store as st

    before = Store(store_copy).load()
    f = tmp_path / "x.txt"
    f.write_text("X story\n\nSomething happened in Xville on Monday.\n", encoding="utf-8")

    def boom(*a, **k):
        raise KeyboardInterrupt("simulated crash mid-write")

    monkeypatch.setattr(st.LexicalIndex, "build", boom)
    with pytest.raises(KeyboardInterrupt):
        update_store(store_copy, [f], mode="add", progress=False)
    after = Store(store_copy).load()
    assert set(after.articles) == set(before.articles)
    assert not [p for p in store_copy.iterdir() if p.name.endswith(".tmp")]


def test_killed_process_mid_build_leaves_old_store(store_copy):
    """A real SIGKILL of an indexing process at a random moment never breaks the store."""
    code = ("import sys; from index.build import update_store; "
            f"update_store({str(store_copy)!r}, [{str(ROOT / 'seeds')!r}], mode='build', max_tokens=64, progress=False)")
    p = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT)
    try:
        p.wait(timeout=4)
    except subprocess.TimeoutExpired:
        p.kill()
        p.wait()
    s = Store(store_copy).load()  # either the old or the new generation, complete
    assert len(s.articles) == 5


def test_corrupt_file_is_a_clear_error(store_copy):
    gen = current_generation(store_copy)
    with open(gen / "chunks.jsonl", "a", encoding="utf-8") as f:
        f.write("garbage\n")
    with pytest.raises(StoreError, match="corrupt.*factqa index build"):
        Store(store_copy).load()


def test_model_mismatch_is_a_clear_error(store_copy):
    gen = current_generation(store_copy)
    m = json.loads((gen / "manifest.json").read_text())
    with pytest.raises(StoreMismatchError, match="was built with model"):
        update_store(store_copy, None, mode="add", model="hash-64", progress=False)
    m["format_version"] = 99
    write_manifest(gen, m)  # a consistent store of another format, not a corrupt one
    with pytest.raises(StoreMismatchError, match="format version 99.*rebuild"):
        Store(store_copy).load()


def test_missing_store_says_how_to_build(tmp_path):
    with pytest.raises(StoreMissingError, match="factqa index build"):
        Store(tmp_path / "nothing").load()


def test_hnsw_recall_against_exact_search():
    rng = np.random.default_rng(0)
    base = rng.standard_normal((6000, 64)).astype(np.float32)
    base /= np.linalg.norm(base, axis=1, keepdims=True)
    queries = base[rng.choice(6000, 100, replace=False)] + 0.05 * rng.standard_normal((100, 64)).astype(np.float32)
    exact = make_faiss_index(base, 64, hnsw_threshold=10**9)
    approx = make_faiss_index(base, 64, hnsw_threshold=1000)
    assert type(approx).__name__ == "IndexHNSWFlat" and type(exact).__name__ == "IndexFlatIP"
    _, e = exact.search(queries, 10)
    _, a = approx.search(queries, 10)
    recall = np.mean([len(set(e[i]) & set(a[i])) / 10 for i in range(100)])
    assert recall >= 0.95, recall


def test_store_built_past_threshold_uses_hnsw_and_answers(tmp_path):
    r = update_store(tmp_path / "s", [ROOT / "seeds"], mode="build", model="hash-64", progress=False, hnsw_threshold=10)
    s = Store(tmp_path / "s").load()
    assert s.manifest["index_type"] == "IndexHNSWFlat" and r.chunks > 10
