"""``index build --ray``: Ray Data embeds, Milvus Lite stores. The build itself starts a local Ray
(about a minute on 2 busy cores), so it is slow; `make test-ray` runs it."""
from pathlib import Path

import numpy as np
import pytest

from index.errors import StoreError

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def test_precomputed_embedder_looks_up_and_fills_gaps():
    from index.embed import get_embedder
    from index.ray_build import PrecomputedEmbedder

    base = get_embedder("hash-16")
    known = base.encode(["the tide came in"])[0] * 0 + 1  # a vector the base would never produce
    pre = PrecomputedEmbedder(base, {"the tide came in": known})
    out = pre.encode(["the tide came in", "the ferry left late"])
    np.testing.assert_array_equal(out[0], known)
    np.testing.assert_array_equal(out[1], base.encode(["the ferry left late"])[0])
    assert pre.name == "hash-16" and pre.dimension == 16


@pytest.mark.parametrize("ok", ["local", "auto", "ray://head:10001", "10.0.0.5:6379"])
def test_ray_addresses(ok):
    from index.ray_build import check_address

    assert check_address(ok) == ok


def test_ray_address_that_is_a_path_says_where_to_put_the_flag(tmp_path):
    from index.ray_build import check_address

    with pytest.raises(ValueError, match="put --ray after the paths"):
        check_address(str(tmp_path))


def test_ray_build_needs_a_milvus_store(tmp_path):
    from index.ray_build import build_with_ray

    with pytest.raises(StoreError, match="milvus:PATH.db"):
        build_with_ray(str(tmp_path / "files"), [SEEDS], max_tokens=160, overlap=1)


@pytest.mark.slow
def test_ray_build_of_seeds_equals_the_file_build(seed_store, tmp_path):
    pytest.importorskip("ray")
    pytest.importorskip("pymilvus")
    from index.backends import open_store
    from index.ray_build import build_with_ray

    spec = f"milvus:{tmp_path / 'ray.db'}"
    report = build_with_ray(spec, [SEEDS], max_tokens=160, overlap=1, progress=False, actors=1)
    assert report.added and not report.errors
    f, r = open_store(seed_store).load(), open_store(spec).load()
    assert r.articles == f.articles and r.chunks == f.chunks and r.sentences == f.sentences
    np.testing.assert_allclose(r.sentence_vectors, f.sentence_vectors, atol=1e-5)
    np.testing.assert_allclose(r.data.chunk_vectors, f.data.chunk_vectors, atol=1e-5)
    again = build_with_ray(spec, [SEEDS], max_tokens=160, overlap=1, progress=False, actors=1)
    assert again.embedded_texts == 0 and len(again.unchanged) == len(f.articles)  # nothing re-embedded


def test_cli_ray_into_a_file_store_is_a_one_line_error(tmp_path):
    from click.testing import CliRunner

    from ui.cli import main

    res = CliRunner().invoke(main, ["index", "build", str(SEEDS), "--store", str(tmp_path / "files"), "--ray"])
    assert res.exit_code == 2 and res.output.count("\n") == 1 and "Milvus store" in res.output
