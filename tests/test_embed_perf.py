"""Embedding once per sentence, checkpointed batches, runtimes recorded in the manifest."""
from __future__ import annotations

import numpy as np
import pytest

import index.build as build
from index.build import WORK_DIR, chunk_vectors_from_sentences, update_store
from index.embed import HashEmbedder, get_embedder
from index.errors import StoreMismatchError
from index.store import Store
from index.types import Article, Chunk, Sentence

TEXTS = [
    "Glaciers in the southern range lost a fifth of their mass between 1990 and 2020. "
    "The survey team measured ice depth at forty stations. Meltwater now reaches the valley in April. "
    "Farmers downstream said the spring floods arrive earlier each year.",
    "The city council approved a new bus line on Tuesday. It will connect the harbour to the university. "
    "Officials expect 12,000 riders a day. Critics said the budget of 40 million dollars is too small.",
    "A vaccine trial enrolled 3,400 adults over two winters. Half received the vaccine and half a placebo. "
    "Infections fell by 61 percent in the vaccinated group. The authors call for a larger study in children.",
    "Wheat prices rose sharply after the drought. Bakeries raised the price of bread twice in one month. "
    "The ministry released grain from its reserve. Traders expect prices to ease after the harvest.",
]


def _articles() -> list[Article]:
    return [Article(id=f"a{i}", title=f"Article {i}", text=t, source=f"a{i}.txt") for i, t in enumerate(TEXTS)]


class CountingEmbedder(HashEmbedder):
    """The hash embedder that records every text it encodes and can fail after some calls."""

    def __init__(self, fail_after: int | None = None) -> None:
        super().__init__(32)
        self.seen: list[str] = []
        self.fail_after = fail_after

    def encode(self, texts, *, progress=False, batch_size=64):
        if self.fail_after is not None and self.calls >= self.fail_after:
            raise RuntimeError("killed mid-build")
        self.seen.extend(texts)
        return super().encode(texts)


def _use(monkeypatch, emb) -> None:
    monkeypatch.setattr(build, "get_embedder", lambda *a, **k: emb)


def test_chunk_vector_is_normalised_mean_of_its_sentences():
    sents = [Sentence(id=f"d:{k}", doc_id="d", chunk_id="d#0", index=k, start=s, end=e, text="x" * (e - s))
             for k, (s, e) in enumerate([(0, 5), (6, 11), (12, 20)])]
    chunks = [Chunk(id="d#0", doc_id="d", index=0, title="", source="", start=0, end=11, text="",
                    sentences=((0, 5), (6, 11))),
              Chunk(id="d#1", doc_id="d", index=1, title="", source="", start=6, end=20, text="",
                    sentences=((6, 11), (12, 20)))]
    vecs = np.array([[1, 0, 0], [0, 1, 0], [0, 0, 1]], np.float32)
    out = chunk_vectors_from_sentences(chunks, sents, vecs)
    h = 1 / np.sqrt(2)
    np.testing.assert_allclose(out, [[h, h, 0], [0, h, h]], rtol=1e-6)


def test_build_embeds_each_sentence_once_and_no_chunk_text(tmp_path, monkeypatch):
    emb = CountingEmbedder()
    _use(monkeypatch, emb)
    rep = update_store(tmp_path / "s", articles=_articles(), mode="build", progress=False, max_tokens=30)
    st = Store(tmp_path / "s").load()
    assert len(st.chunks) > len(TEXTS)  # several chunks per article, with overlap
    assert sorted(emb.seen) == sorted(s.text for s in st.sentences)
    assert rep.embedded_texts == len(st.sentences)
    assert st.manifest["runtime"] == "hash" and st.manifest["chunk_vectors"] == "mean_of_sentences"
    chunk_vecs = st.data.chunk_vectors
    np.testing.assert_allclose(chunk_vecs, chunk_vectors_from_sentences(st.chunks, st.sentences, st.sentence_vectors),
                               atol=1e-6)


def test_killed_build_resumes_without_reencoding_finished_batches(tmp_path, monkeypatch):
    monkeypatch.setattr(build, "EMBED_STEP", 4)
    store = tmp_path / "s"
    first = CountingEmbedder(fail_after=2)  # two batches of 4 finish, the third call dies
    _use(monkeypatch, first)
    with pytest.raises(RuntimeError, match="killed mid-build"):
        update_store(store, articles=_articles(), mode="build", progress=False)
    assert not (store / "CURRENT").exists()
    assert len(list((store / WORK_DIR).glob("*.npy"))) == 2
    finished = list(first.seen)
    assert len(finished) == 8

    second = CountingEmbedder()
    _use(monkeypatch, second)
    rep = update_store(store, articles=_articles(), mode="build", progress=False)
    st = Store(store).load()
    assert not set(second.seen) & set(finished)
    assert len(second.seen) == rep.embedded_texts == len(st.sentences) - 8
    assert not (store / WORK_DIR).exists()  # checkpoints are removed once the build is in

    clean = CountingEmbedder()
    _use(monkeypatch, clean)
    update_store(tmp_path / "clean", articles=_articles(), mode="build", progress=False)
    np.testing.assert_allclose(st.sentence_vectors, Store(tmp_path / "clean").load().sentence_vectors, atol=1e-6)


def test_damaged_checkpoint_is_encoded_again(tmp_path, monkeypatch):
    monkeypatch.setattr(build, "EMBED_STEP", 4)
    emb = CountingEmbedder(fail_after=1)
    _use(monkeypatch, emb)
    with pytest.raises(RuntimeError):
        update_store(tmp_path / "s", articles=_articles(), mode="build", progress=False)
    (ckpt,) = (tmp_path / "s" / WORK_DIR).glob("*.npy")
    ckpt.write_bytes(b"\0" * 10)
    again = CountingEmbedder()
    _use(monkeypatch, again)
    update_store(tmp_path / "s", articles=_articles(), mode="build", progress=False)
    assert set(emb.seen) <= set(again.seen)


def test_add_with_another_runtime_is_refused(tmp_path):
    update_store(tmp_path / "s", articles=_articles()[:2], mode="build", model="hash-32", progress=False)
    with pytest.raises(StoreMismatchError, match="runtime"):
        update_store(tmp_path / "s", articles=_articles()[2:], mode="add", model="hash-32", runtime="onnx",
                     progress=False)


def test_unknown_runtime_names_the_choices():
    with pytest.raises(ValueError, match="torch, torch-int8, onnx, onnx-int8"):
        get_embedder("minilm", "tensorrt")


def test_onnx_runtime_matches_torch_vectors_and_token_counts():
    texts = ["Infections fell by 61 percent in the vaccinated group.", "Short.",
             "The ministry released grain from its reserve after bread prices rose twice in one month. " * 8]
    torch_emb, onnx_emb = get_embedder("minilm", "torch"), get_embedder("minilm", "onnx")
    np.testing.assert_allclose(onnx_emb.encode(texts), torch_emb.encode(texts), atol=1e-4)
    assert [onnx_emb.count_tokens(t) for t in texts] == [torch_emb.count_tokens(t) for t in texts]
    assert onnx_emb.runtime == "onnx" and onnx_emb.name == torch_emb.name


def test_peer_setup_ranks_whole_documents(tmp_path):
    """The peer of perf-index: one vector per whole document; the right one is found first."""
    import json

    from qa.eval.peer import peer_one

    corpus, gold = tmp_path / "corpus.jsonl", tmp_path / "gold.jsonl"
    corpus.write_text("".join(json.dumps({"id": f"a{i}", "title": f"Article {i}", "text": t}) + "\n"
                              for i, t in enumerate(TEXTS)))
    gold.write_text(json.dumps({"id": "q1", "kind": "factoid", "question": "How much did infections fall after the vaccine?",
                                "answer": "61 percent", "sources": ["a2"]}) + "\n")
    out = peer_one(corpus, gold, tmp_path / "peer.faiss")
    assert out["documents"] == 4 and out["retrieval_n"] == 1
    assert out["recall@3"] == 1.0 and out["mrr@10"] == 1.0
    assert (tmp_path / "peer.faiss").is_file() and out["build_s"] > 0


def test_weights_digest_is_remembered_by_stat_and_recomputed_when_the_file_changes(tmp_path, monkeypatch):
    """The ONNX export is keyed by the weights' sha256; a cold start reads it from a memo, and a
    changed file (other size or mtime) is hashed again."""
    import hashlib
    import os

    from index import embed_onnx

    monkeypatch.setenv("FACTQA_CACHE", str(tmp_path / "cache"))
    w = tmp_path / "model.safetensors"
    w.write_bytes(b"weights one")
    calls = []
    real = embed_onnx.file_sha256
    monkeypatch.setattr(embed_onnx, "file_sha256", lambda p: calls.append(p) or real(p))
    first = embed_onnx.weights_digest(w)
    assert first == hashlib.sha256(b"weights one").hexdigest()
    assert embed_onnx.weights_digest(w) == first and len(calls) == 1  # remembered
    w.write_bytes(b"weights two, longer")
    os.utime(w, ns=(1, 1))
    assert embed_onnx.weights_digest(w) == hashlib.sha256(b"weights two, longer").hexdigest()
    assert len(calls) == 2
