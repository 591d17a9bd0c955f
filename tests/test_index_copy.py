"""`factqa index copy`: a store moved between backends without re-encoding. Plumbing only: the
hash embedder and hand-written articles (not from the seeds)."""
import json

import numpy as np
import pytest
from click.testing import CliRunner

from index.build import update_store
from index.copy import compare, copy_store, read_store
from index.errors import StoreError, StoreMismatchError
from index.store import Store
from index.types import Article

pytest.importorskip("pymilvus")

MODEL = "hash-32"
FERRY = ("The harbour authority said the night ferry will stop running in May. "
         "Ticket sales fell by 31% last year. A union spokesperson called the decision short-sighted.")
WIND = ("Offshore wind farms produced 12.4 TWh in the first quarter. "
        "The grid operator expects curtailment to double by 2030.")


def art(aid: str, text: str) -> Article:
    return Article(id=aid, title=aid.title(), text=text, source=f"{aid}.txt")


@pytest.fixture()
def file_store(tmp_path):
    root = tmp_path / "src"
    update_store(root, None, mode="build", model=MODEL, progress=False, articles=[art("ferry", FERRY), art("wind", WIND)])
    return root


def no_encoding(monkeypatch):
    """Any call of an embedder's encode during the copy fails the test."""
    from index.embed import HashEmbedder

    def boom(self, *a, **k):
        raise AssertionError("the copy encoded text")

    monkeypatch.setattr(HashEmbedder, "encode", boom)


def test_file_to_milvus_keeps_records_and_vectors(file_store, tmp_path, monkeypatch):
    no_encoding(monkeypatch)
    dst = f"milvus:{tmp_path / 'copy.db'}"
    rep = copy_store(file_store, dst)
    _, a = read_store(file_store)
    _, b = read_store(dst)
    assert compare(a, b) is None
    assert np.array_equal(np.asarray(a.sentence_vectors), b.sentence_vectors)
    assert (rep.articles, rep.chunks, rep.sentences) == (2, len(a.chunks), len(a.sentences))
    assert rep.verify_seconds is not None
    assert b.manifest["copied_from"]["store"] == str(file_store) and b.manifest["backend"] == "milvus"


def test_milvus_copy_answers_the_same_searches(file_store, tmp_path):
    from index.backends import open_store
    from index.embed import get_embedder

    dst = f"milvus:{tmp_path / 'copy.db'}"
    copy_store(file_store, dst)
    f, m = Store(file_store).load(), open_store(dst).load()
    q = get_embedder(MODEL).encode(["ferry ticket sales"])[0]
    assert [h.chunk.id for h in f.dense_search(q, 3)] == [h.chunk.id for h in m.dense_search(q, 3)]
    assert [h.chunk.id for h in f.lexical_search("curtailment grid", 3)] == \
           [h.chunk.id for h in m.lexical_search("curtailment grid", 3)]


def test_copy_into_a_milvus_server_spec(file_store, milvus_server_spec):
    rep = copy_store(file_store, milvus_server_spec)
    _, a = read_store(file_store)
    _, b = read_store(milvus_server_spec)
    assert compare(a, b) is None and rep.destination == milvus_server_spec


def test_milvus_to_file_and_back(file_store, tmp_path):
    mid = f"milvus:{tmp_path / 'mid.db'}"
    copy_store(file_store, mid)
    back = tmp_path / "back"
    rep = copy_store(mid, back)
    _, a = read_store(file_store)
    _, b = read_store(back)
    assert compare(a, b) is None
    assert "backend" not in b.manifest  # Milvus' own fields do not follow the data into a folder
    assert rep.source_generation.startswith("g")


def test_same_store_is_refused(file_store):
    with pytest.raises(StoreError, match="same store"):
        copy_store(file_store, file_store)


def test_destination_of_another_model_is_refused_unless_replace(file_store, tmp_path):
    other = tmp_path / "other"
    update_store(other, None, mode="build", model="hash-16", progress=False, articles=[art("wind", WIND)])
    with pytest.raises(StoreMismatchError, match="--replace"):
        copy_store(file_store, other)
    assert list(Store(other).load().articles) == ["wind"]  # untouched
    copy_store(file_store, other, replace=True)
    assert list(Store(other).load().articles) == ["ferry", "wind"]


def test_unknown_model_is_refused(file_store, tmp_path, monkeypatch):
    import index.copy as copy_mod

    real = copy_mod.read_store

    def renamed(spec):
        gen, data = real(spec)
        data.manifest["model"] = "someone/else"
        return gen, data

    monkeypatch.setattr(copy_mod, "read_store", renamed)
    with pytest.raises(StoreMismatchError, match="does not know"):
        copy_store(file_store, tmp_path / "dst")
    assert not (tmp_path / "dst").exists()


def test_a_copy_that_does_not_match_never_goes_live_on_milvus(file_store, tmp_path, monkeypatch):
    dst = f"milvus:{tmp_path / 'copy.db'}"
    copy_store(file_store, dst)
    first, _ = read_store(dst)
    import index.copy as copy_mod

    monkeypatch.setattr(copy_mod, "compare", lambda a, b: "sentence vectors differ")
    with pytest.raises(StoreError, match="does not match"):
        copy_store(file_store, dst)
    gen, _ = read_store(dst)
    assert gen == first  # the failed copy was dropped before the alias moved


def test_cli_copy(file_store, tmp_path):
    from ui.cli import main

    dst = f"milvus:{tmp_path / 'cli.db'}"
    res = CliRunner().invoke(main, ["index", "copy", str(file_store), dst, "--json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.output)
    assert out["articles"] == 2 and out["model"] == "hash-32" and out["destination"] == dst
    res = CliRunner().invoke(main, ["index", "copy", str(tmp_path / "nothing"), dst])
    assert res.exit_code == 2 and "no such store" in res.output


def test_scale_compare_checks_a_copy_and_dense_recall(file_store, tmp_path):
    from index.backends import open_store
    from index.embed import get_embedder
    from qa.eval.scale_compare import check_copy, dense_vs_exact

    dst = f"milvus:{tmp_path / 'copy.db'}"
    copy_store(file_store, dst, verify=False)
    assert check_copy(str(file_store), dst)["identical"] is True
    q = get_embedder(MODEL).encode(["night ferry tickets", "wind curtailment"])
    r = dense_vs_exact(Store(file_store).load(), open_store(dst).load(), q, k=2)
    assert r["chunk_recall_file"] == r["chunk_recall_milvus"] == r["sentence_recall_milvus"] == 1.0  # FLAT: exact


def test_compare_names_the_first_difference(file_store):
    from dataclasses import replace

    _, a = read_store(file_store)
    moved = np.array(a.sentence_vectors, copy=True)
    moved[0, 0] += 1e-6
    assert compare(a, replace(a, sentence_vectors=moved)) == "sentence vectors differ"
    shifted = [replace(a.sentences[0], end=a.sentences[0].end - 1)] + list(a.sentences[1:])
    assert compare(a, replace(a, sentences=shifted)) == f"sentence {a.sentences[0].id} differs"


def test_milvus_destination_of_another_model_is_refused(file_store, tmp_path):
    dst = f"milvus:{tmp_path / 'other.db'}"
    update_store(dst, None, mode="build", model="hash-16", progress=False, articles=[art("wind", WIND)])
    with pytest.raises(StoreMismatchError, match="hash-16"):
        copy_store(file_store, dst)
