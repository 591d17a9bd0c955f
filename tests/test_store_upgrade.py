"""Stores of an older format: a clear error naming `factqa index upgrade`, an in-place atomic upgrade
that keeps every record and vector (nothing re-embedded), and a failure midway that leaves the old
store as it was."""
from __future__ import annotations

import errno
import json
import shutil
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from index import upgrade
from index.build import update_store
from index.errors import StoreCorruptError, StoreError, StoreMismatchError, StoreOutdatedError
from index.store import ARTICLE_BM25, SENTENCE_ANN, Store, current_generation
from index.types import file_sha256
from index.upgrade import FORMAT_1_FILES, upgrade_store
from index.verify import verify_store

MODEL = "hash-64"  # plumbing: a deterministic embedder, no model load


def to_format_1(root: Path) -> None:
    """Rewrite the live generation in the layout factqa wrote before format 2: manifest.json alone,
    with the sha256 of five files; no manifest.sha256, no BM25 over whole articles, no runtime field."""
    gen = current_generation(root)
    m = json.loads((gen / "manifest.json").read_text(encoding="utf-8"))
    for piece in (ARTICLE_BM25, SENTENCE_ANN):
        shutil.rmtree(gen / piece, ignore_errors=True) if (gen / piece).is_dir() else (gen / piece).unlink(missing_ok=True)
    (gen / "manifest.sha256").unlink()
    for key in ("runtime", "counts"):
        m.pop(key, None)
    m["format_version"] = 1
    m["files"] = {f: file_sha256(gen / f) for f in FORMAT_1_FILES}
    (gen / "manifest.json").write_text(json.dumps(m, indent=2), encoding="utf-8")


def fingerprint(root: Path) -> dict[str, str]:
    """Every file of the store (CURRENT and the generation folders) by its sha256."""
    return {p.relative_to(root).as_posix(): file_sha256(p) for p in sorted(root.rglob("*"))
            if p.is_file() and p.name != ".lock"}


@pytest.fixture()
def old(tmp_path, town_corpus) -> Path:
    root = tmp_path / "store"
    update_store(root, [town_corpus], mode="build", model=MODEL, progress=False)
    to_format_1(root)
    return root


def test_an_old_store_is_an_error_that_names_the_upgrade_command_not_corruption(old):
    with pytest.raises(StoreOutdatedError, match=f"format version 1.*factqa index upgrade {old}$"):
        Store(old).load()
    health = verify_store(old)
    assert not health.ok and "factqa index upgrade" in health.problem and "corrupt" not in health.problem
    from ui.cli import main

    res = CliRunner().invoke(main, ["index", "stats", "--store", str(old)])
    assert res.exit_code == 2 and f"factqa index upgrade {old}" in res.output and "Traceback" not in res.output


def test_upgrade_keeps_every_record_and_vector_and_adds_the_new_pieces(old):
    gen = current_generation(old)
    before = {f: file_sha256(gen / f) for f in FORMAT_1_FILES}
    report = upgrade_store(old)
    assert report.from_version == 1 and report.to_version == 2
    assert report.added == ("manifest.sha256", ARTICLE_BM25)
    new = current_generation(old)
    assert new.name == report.generation != gen.name and not gen.exists()  # the old generation is gone only now
    assert {f: file_sha256(new / f) for f in FORMAT_1_FILES} == before  # records and vectors byte for byte
    assert verify_store(old).ok
    store = Store(old).load()
    assert store.manifest["format_version"] == 2 and store.manifest["upgraded"]["from_format"] == 1
    assert store.manifest["counts"] == {"articles": 3, "chunks": len(store.chunks), "sentences": len(store.sentences)}
    assert (new / ARTICLE_BM25).is_dir() and store.article_lexical_scores("Brisk bridges").argmax() == 1
    assert not [p for p in old.iterdir() if p.name.startswith(".gen-")]
    again = upgrade_store(old)
    assert not again.changed and again.generation == new.name and "nothing to do" in again.summary()


def test_a_large_old_store_gets_its_sentence_graph_from_the_stored_vectors(old, monkeypatch):
    monkeypatch.setattr(upgrade, "SENTENCE_ANN_THRESHOLD", 1)
    report = upgrade_store(old)
    assert SENTENCE_ANN in report.added
    store = Store(old).load()
    assert store._sentence_ann is not None and store._sentence_ann.ntotal == len(store.sentences)
    v = np.asarray(store.sentence_vectors[4])
    assert store.sentence_search(v, 1)[0][0] == 4  # the graph over the stored vectors finds a sentence's own vector


@pytest.mark.parametrize("where", ["pieces", "manifest"])
def test_a_failure_midway_leaves_the_old_store_as_it_was(old, monkeypatch, where):
    before = fingerprint(old)

    def disk_full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    def interrupted(gen, added):
        (gen / ARTICLE_BM25).mkdir()
        (gen / ARTICLE_BM25 / "half.npy").write_bytes(b"\0" * 10)
        raise KeyboardInterrupt

    if where == "pieces":
        monkeypatch.setattr(upgrade, "_write_pieces", interrupted)
        with pytest.raises(KeyboardInterrupt):
            upgrade_store(old)
    else:
        monkeypatch.setattr(upgrade.integrity, "write_manifest", disk_full)
        with pytest.raises(StoreError, match="No space left"):
            upgrade_store(old)
    assert fingerprint(old) == before  # nothing changed, no temporary generation left behind
    with pytest.raises(StoreOutdatedError):  # still the old store, still said to be one
        Store(old).load()
    monkeypatch.undo()
    assert upgrade_store(old).changed and Store(old).load().articles.keys() == {"story_0", "story_1", "story_2"}


def test_a_damaged_old_store_is_not_upgraded(old):
    gen = current_generation(old)
    (gen / "sentences.npy").write_bytes((gen / "sentences.npy").read_bytes()[:100])
    before = fingerprint(old)
    with pytest.raises(StoreCorruptError, match="sentences.npy: checksum mismatch; it cannot be upgraded"):
        upgrade_store(old)
    assert fingerprint(old) == before


def test_a_store_of_a_newer_format_and_a_milvus_store_are_refused(old):
    gen = current_generation(old)
    m = json.loads((gen / "manifest.json").read_text())
    (gen / "manifest.json").write_text(json.dumps({**m, "format_version": 99}))
    with pytest.raises(StoreMismatchError, match="format version 99.*cannot upgrade"):
        upgrade_store(old)
    with pytest.raises(StoreError, match="folder stores"):
        upgrade_store("milvus:/tmp/nowhere.db")


def test_adding_to_an_old_store_writes_the_current_format_and_embeds_only_the_new_article(old, tmp_path):
    new = tmp_path / "more"
    new.mkdir()
    (new / "story_9.txt").write_text("News from Dunmore\n\nDunmore opened a library on Friday.\n", encoding="utf-8")
    report = update_store(old, [new], mode="add", progress=False)
    assert report.added == ["story_9"] and any("format 1" in w for w in report.warnings)
    assert report.embedded_texts == len(Store(old).load().sentences_of("story_9"))
    assert verify_store(old).ok


def test_cli_upgrade(old):
    from ui.cli import main

    runner = CliRunner()
    res = runner.invoke(main, ["index", "upgrade", str(old)])
    assert res.exit_code == 0 and "from format 1 to 2" in res.output and "no text was re-embedded" in res.output
    res = runner.invoke(main, ["index", "upgrade", "--store", str(old)])
    assert res.exit_code == 0 and "nothing to do" in res.output
    res = runner.invoke(main, ["index", "upgrade", str(old.parent / "nothing")])
    assert res.exit_code == 2 and "no such store" in res.output
