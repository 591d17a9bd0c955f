"""Shared fixtures: the real embedding model and one seed store per test session."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from index.offline import set_defaults

set_defaults()  # before torch or transformers load

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory) -> Path:
    """The seed corpus indexed once with the real MiniLM model (read-only for tests)."""
    from index.build import update_store

    path = tmp_path_factory.mktemp("seed") / "store"
    update_store(path, [SEEDS], mode="build", progress=False)
    return path


@pytest.fixture(scope="session")
def store(seed_store):
    from index.store import Store

    return Store(seed_store).load()


@pytest.fixture(scope="session")
def engine(seed_store):
    from qa.engine import Engine

    return Engine(seed_store)


@pytest.fixture()
def store_copy(seed_store, tmp_path) -> Path:
    """A private copy of the seed store that a test may change."""
    dst = tmp_path / "store"
    shutil.copytree(seed_store, dst)
    return dst


@pytest.fixture(scope="session")
def milvus_seed_store(tmp_path_factory) -> str:
    """The seed corpus built into Milvus Lite with the real model, through the same `update_store`."""
    pytest.importorskip("pymilvus")
    from index.build import update_store

    spec = f"milvus:{tmp_path_factory.mktemp('milvus') / 'seed.db'}"
    update_store(spec, [SEEDS], mode="build", progress=False)
    return spec


@pytest.fixture()
def milvus_server_spec(tmp_path):
    """``milvus+http://127.0.0.1:PORT/newsroom``: the code path of a Milvus server spec (a plain gRPC
    client with a token, no embedded-server handling) pointed at a Milvus Lite gRPC server started
    on a local port - a stand-in for a Milvus server, not a real one (none runs here)."""
    pytest.importorskip("pymilvus")
    from milvus_lite.server_manager import server_manager_instance

    from index.backends import parse_milvus
    from index.milvus_store import disconnect

    data = str(tmp_path / "server.db")
    uri = server_manager_instance.start_and_get_uri(data)
    assert uri and uri.startswith("http://127.0.0.1:")
    spec = f"milvus+{uri}/newsroom"
    yield spec
    disconnect(parse_milvus(spec))
    server_manager_instance.release_server(data)


@pytest.fixture(scope="session", params=["file", "milvus"])
def store_backend(request) -> str:
    """Which store the answer and check tests run on (tests/test_engine.py uses it)."""
    return request.param


@pytest.fixture(scope="session")
def backend_engine(store_backend, request):
    from qa.engine import Engine

    spec = request.getfixturevalue("milvus_seed_store" if store_backend == "milvus" else "seed_store")
    return Engine(spec)


@pytest.fixture(scope="session")
def engine_over(tmp_path_factory):
    """``engine_over({"name.txt": text, ...})``: a warm Engine over a store of invented articles."""
    def make(articles: dict[str, str]):
        from index.build import update_store
        from qa.engine import Engine

        root = tmp_path_factory.mktemp("invented")
        corpus = root / "articles"
        corpus.mkdir()
        for name, text in articles.items():
            (corpus / name).write_text(text, encoding="utf-8")
        update_store(root / "store", [corpus], mode="build", progress=False)
        return Engine(root / "store").warm()

    return make



@pytest.fixture(scope="module")
def town_corpus(tmp_path_factory) -> Path:
    """Three invented local-news stories (a folder of .txt files) for small store builds."""
    d = tmp_path_factory.mktemp("corpus")
    for k, town in enumerate(["Alden", "Brisk", "Corvo"]):
        (d / f"story_{k}.txt").write_text(
            f"News from {town}\n\nThe council of {town} approved {k + 2} new bridges on Tuesday. "
            f"Residents of {town} said the works would take {k + 3} years.\n", encoding="utf-8")
    return d


@pytest.fixture(scope="session")
def span_text():
    """Cuts an answer's short-answer span out of the citation it points into (``short_answer_span``)."""
    def cut(ans) -> str:
        sp = ans.short_answer_span
        return ans.citations[sp["citation"] - 1].quote[sp["start"]:sp["end"]]
    return cut


@pytest.fixture(scope="module")
def frames():
    """``frames(text)``: the evidence frame of one sentence (``qa.parse.FrameCache``, one cache per module)."""
    from qa.parse import FrameCache

    cache = FrameCache()

    def get(text: str):
        return cache.get([(text, text)])[0]

    return get
