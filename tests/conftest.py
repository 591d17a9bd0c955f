"""Shared fixtures: the real embedding model and one seed store per test session."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
# OpenMP threads of torch/llama.cpp spin while waiting; on 2 shared cores that made a query
# 60x slower (measured: `factqa ask` p50 3.2 s vs 48 ms on a busy machine). Must be set before torch loads.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

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
