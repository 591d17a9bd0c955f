"""The Milvus store (on Milvus Lite): spec parsing, round trips, search, incremental and atomic
updates. Plumbing only: the deterministic hash embedder and hand-written articles."""
from pathlib import Path

import numpy as np
import pytest

from index.backends import is_milvus, open_store, parse_milvus
from index.errors import StoreError, StoreMissingError
from index.types import Article

pytest.importorskip("pymilvus")

from index.build import update_store  # noqa: E402
from index.milvus_store import MilvusStore, lex_text  # noqa: E402

MODEL = "hash-32"
BRIDGE = ("The council said the new bridge over the Tamar river will cost 42.5 million pounds. "
          "Engineers expect it to open in 2031. Critics called the estimate optimistic.")
ORCHARD = ("Apple growers reported a record harvest this autumn. Prices fell by 8% at the wholesale market. "
           "One grower said storage was the real problem.")
LIBRARY = "The city library will close on Sundays from March. The mayor blamed a staffing shortage."


def art(aid: str, text: str) -> Article:
    return Article(id=aid, title=aid.title(), text=text, source=f"{aid}.txt")


@pytest.fixture(params=["lite", "server"])
def spec(request, tmp_path):
    """``lite``: ``milvus:PATH.db``; ``server``: a ``milvus+http://`` spec (conftest ``milvus_server_spec``)."""
    if request.param == "lite":
        return f"milvus:{tmp_path / 'news.db'}"
    return request.getfixturevalue("milvus_server_spec")


@pytest.fixture()
def built(spec) -> str:
    r = update_store(spec, None, mode="build", model=MODEL, progress=False,
                     articles=[art("bridge", BRIDGE), art("orchard", ORCHARD)])
    assert r.added == ["bridge", "orchard"] and not r.errors
    return spec


def test_specs_parse():
    lite = parse_milvus("milvus:/data/news.db")
    assert lite.lite and lite.uri == "/data/news.db" and lite.name == "factqa"
    server = parse_milvus("milvus+http://db.internal:19530/archive")
    assert not server.lite and server.uri == "http://db.internal:19530" and server.name == "archive"
    assert parse_milvus(str(Path("milvus+http://db.internal:19530/archive"))) == server  # survives pathlib
    assert is_milvus("milvus:/x.db") and not is_milvus("/srv/store") and not is_milvus(None)


@pytest.mark.parametrize("bad", ["milvus:/data/news", "milvus+http://h:19530/9lives", "milvus+ftp://h/x"])
def test_bad_specs_are_clear_errors(bad):
    with pytest.raises(StoreError, match="milvus"):
        parse_milvus(bad)


def test_open_store_picks_the_backend(tmp_path):
    assert isinstance(open_store(f"milvus:{tmp_path / 'a.db'}"), MilvusStore)
    assert not isinstance(open_store(tmp_path / "files"), MilvusStore)


def test_lex_text_keeps_numbers_whole():
    assert lex_text("It cost 42.5 million") == "cost 42_5 million"


def test_records_round_trip_with_offsets(built):
    st = open_store(built).load()
    assert list(st.articles) == ["bridge", "orchard"]
    assert st.articles["bridge"].text == BRIDGE
    for s in st.sentences:
        assert st.articles[s.doc_id].text[s.start:s.end] == s.text
    for c in st.chunks:
        assert st.articles[c.doc_id].text[c.start:c.end] == c.text
    assert st.sentence_vectors.shape == (len(st.sentences), 32)
    assert st.manifest["articles"] == {"bridge": art("bridge", BRIDGE).hash, "orchard": art("orchard", ORCHARD).hash}


def test_dense_search_finds_a_chunk_by_its_own_vector(built):
    st = open_store(built).load()
    target = st.chunks[-1]
    hits = st.dense_search(st.data.chunk_vectors[-1], 2)
    assert hits[0].chunk == target and hits[0].score == pytest.approx(1.0, abs=1e-5)


def test_bm25_search_in_milvus_matches_terms(built):
    st = open_store(built).load()
    hits = st.lexical_search("How much will the bridge cost?", 5)
    assert hits and hits[0].chunk.doc_id == "bridge"
    assert st.lexical_search("wholesale prices", 5)[0].chunk.doc_id == "orchard"
    assert st.lexical_search("zeppelin", 5) == []


def test_sentence_search_agrees_with_exact_product(built):
    st = open_store(built).load()
    q = st.sentence_vectors[3]
    exact = np.argsort(-(st.sentence_vectors @ q))[:3].tolist()
    assert [row for row, _ in st.sentence_search(q, 3)] == exact


def test_unchanged_articles_are_not_embedded_again(built):
    r = update_store(built, None, mode="add", progress=False, articles=[art("bridge", BRIDGE), art("library", LIBRARY)])
    assert r.unchanged == ["bridge"] and r.added == ["library"]
    # only its sentences: chunk vectors are the mean of their sentences' vectors (index.build, embedded once)
    assert r.embedded_texts == len(open_store(built).load().sentences_of("library"))


def test_changed_article_is_updated_and_removed_one_goes(built):
    r = update_store(built, None, mode="add", progress=False, articles=[art("orchard", ORCHARD + " Pears did well.")])
    assert r.updated == ["orchard"]
    st = open_store(built).load()
    assert st.articles["orchard"].text.endswith("Pears did well.")
    update_store(built, None, mode="remove", remove_ids=["bridge"], progress=False)
    st = open_store(built).load()
    assert list(st.articles) == ["orchard"] and {s.doc_id for s in st.sentences} == {"orchard"}


def test_reader_sees_a_new_generation_as_stale(built):
    st = open_store(built).load()
    assert not st.is_stale()
    update_store(built, None, mode="add", progress=False, articles=[art("library", LIBRARY)])
    assert st.is_stale()
    assert "library" in open_store(built).load().articles


def test_failed_write_leaves_the_old_generation_live(built, monkeypatch):
    from index import milvus_build

    before = open_store(built).load()
    real = milvus_build._rows

    def broken(kind, data):
        if kind == "articles":
            raise OSError("disk full")
        return real(kind, data)

    monkeypatch.setattr(milvus_build, "_rows", broken)
    with pytest.raises(StoreError, match="old generation is still live"):
        update_store(built, None, mode="add", progress=False, articles=[art("library", LIBRARY)])
    after = open_store(built).load()
    assert after.generation == before.generation and list(after.articles) == ["bridge", "orchard"]
    client = milvus_build.connect(parse_milvus(built))
    assert all(before.generation in name for name in client.list_collections())  # nothing half-written left


def test_long_article_is_stored_in_parts(spec):
    long_text = " ".join(f"Paragraph {i} says the ferry timetable changed again." for i in range(700))
    assert len(long_text) > 30_000
    update_store(spec, None, mode="build", model=MODEL, progress=False, articles=[art("ferry", long_text)])
    assert open_store(spec).load().articles["ferry"].text == long_text


def test_server_specs_take_the_server_path(spec):
    parsed = parse_milvus(spec)
    assert parsed.lite == spec.startswith("milvus:")
    assert open_store(spec).spec.uri == (parsed.uri if parsed.lite else spec.removeprefix("milvus+").rsplit("/", 1)[0])


def test_missing_store_says_how_to_build(spec):
    with pytest.raises(StoreMissingError, match="factqa index build"):
        open_store(spec).load()


def test_model_mismatch_is_refused(built):
    from index.errors import StoreMismatchError

    with pytest.raises(StoreMismatchError, match="hash-32"):
        update_store(built, None, mode="add", model="hash-64", progress=False, articles=[art("library", LIBRARY)])


def test_missing_rows_are_a_clear_error(built):
    from index.backends import parse_milvus
    from index.milvus_store import connect

    st = open_store(built).load()
    connect(parse_milvus(built)).delete(f"{st.spec.name}__{st.generation}__sentences", filter="row == 1")
    with pytest.raises(StoreError, match="inconsistent"):
        open_store(built).load()


def test_bad_input_without_skip_bad_changes_nothing(built, tmp_path):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "library.txt").write_text(LIBRARY)
    before = open_store(built).load().generation
    r = update_store(built, [tmp_path / "empty.txt", tmp_path / "library.txt"], mode="add", progress=False,
                     skip_bad=False)
    assert r.rejected and r.errors and r.embedded_texts == 0
    after = open_store(built).load()
    assert after.generation == before and "library" not in after.articles
