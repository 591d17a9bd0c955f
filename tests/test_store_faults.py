"""Store faults: every file truncated, zeroed or deleted is a named, one-line error; verify reports it;
`index build` repairs it and keeps the corrupt generation aside; bad paths and permissions are clear errors."""
import re
import shutil
import threading
from pathlib import Path

import pytest
from filelock import FileLock

from index.build import update_store
from index.errors import StoreAccessError, StoreCorruptError
from index.integrity import CORRUPT_MARK, FileStatus
from index.store import Store, current_generation
from index.verify import verify_store

MODEL = "hash-64"  # plumbing tests: a deterministic embedder, no model load
FILES = ["manifest.json", "manifest.sha256", "articles.jsonl", "chunks.jsonl", "sentences.jsonl", "chunks.faiss",
         "sentences.npy", "bm25/params.index.json", "bm25/vocab.index.json", "bm25/data.csc.index.npy",
         "bm25/indices.csc.index.npy", "bm25/indptr.csc.index.npy", "bm25/size.txt",
         *(f"bm25-articles/{f}" for f in ("params.index.json", "vocab.index.json", "data.csc.index.npy",
                                          "indices.csc.index.npy", "indptr.csc.index.npy", "size.txt"))]
STORY = "Harbour report\n\nThe harbour of Testport handled 4,321 ships last year, its director said on Monday.\n"


@pytest.fixture(scope="module")
def built(tmp_path_factory, town_corpus) -> Path:
    path = tmp_path_factory.mktemp("hash") / "store"
    update_store(path, [town_corpus], mode="build", model=MODEL, progress=False)
    return path


@pytest.fixture()
def copy(built, tmp_path) -> Path:
    dst = tmp_path / "store"
    shutil.copytree(built, dst)
    return dst


def damage(path: Path, fault: str) -> None:
    if fault == "truncate":
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    elif fault == "zero":
        path.write_bytes(b"\0" * path.stat().st_size)
    else:
        path.unlink()


def test_every_file_of_a_generation_is_checksummed(built):
    gen = current_generation(built)
    on_disk = sorted(p.relative_to(gen).as_posix() for p in gen.rglob("*") if p.is_file())
    assert on_disk == sorted(FILES)
    health = verify_store(built)
    assert health.ok and sorted(f.name for f in health.files) == sorted(FILES)


@pytest.mark.parametrize("fault", ["truncate", "zero", "delete"])
@pytest.mark.parametrize("name", FILES)
def test_damaged_file_is_a_named_corrupt_store_error(copy, name, fault):
    damage(current_generation(copy) / name, fault)
    with pytest.raises(StoreCorruptError, match=r"is corrupt \(" + re.escape(name)) as exc:
        Store(copy).load()
    assert f"factqa index build seeds/ --store {copy}" in str(exc.value)
    assert "\n" not in str(exc.value)
    health = verify_store(copy)
    assert not health.ok
    bad = {f.name: f.status for f in health.files if not f.ok}
    if name.startswith("manifest"):  # without a trusted manifest nothing else is checked
        assert set(bad) <= {"manifest.json", "manifest.sha256"} and bad
    else:
        expected = {"truncate": FileStatus.SIZE_MISMATCH, "zero": FileStatus.CHECKSUM_MISMATCH,
                    "delete": FileStatus.MISSING}[fault]
        assert bad == {name: expected}


def test_deleted_bm25_folder_is_named(copy):
    shutil.rmtree(current_generation(copy) / "bm25")
    with pytest.raises(StoreCorruptError, match=r"bm25/.*missing and 5 more file"):
        Store(copy).load()


def test_current_pointing_nowhere_is_corrupt(copy):
    (copy / "CURRENT").write_text("gen-gone\n")
    with pytest.raises(StoreCorruptError, match="CURRENT names 'gen-gone'"):
        Store(copy).load()


@pytest.mark.parametrize("name,fault", [("chunks.faiss", "truncate"), ("bm25/vocab.index.json", "zero"),
                                        ("manifest.json", "delete")])
def test_build_over_corrupt_store_sets_it_aside_and_rebuilds(copy, town_corpus, name, fault):
    gen = current_generation(copy)
    damage(gen / name, fault)
    r = update_store(copy, [town_corpus], mode="build", model=MODEL, progress=False)
    assert r.set_aside and Path(r.set_aside).name.startswith(gen.name + CORRUPT_MARK)
    assert any("is corrupt" in w for w in r.warnings) and any("kept aside" in w for w in r.warnings)
    assert r.added == ["story_0", "story_1", "story_2"]
    assert verify_store(copy).ok and len(Store(copy).load().articles) == 3
    assert Path(r.set_aside).is_dir()  # kept, not deleted by the next write
    update_store(copy, [town_corpus], mode="build", model=MODEL, progress=False)
    assert Path(r.set_aside).is_dir() and verify_store(copy).set_aside == (Path(r.set_aside).name,)


def test_add_and_remove_over_corrupt_store_refuse_and_change_nothing(copy, tmp_path):
    gen = current_generation(copy)
    damage(gen / "chunks.faiss", "truncate")
    f = tmp_path / "x.txt"
    f.write_text(STORY, encoding="utf-8")
    for kw in ({"paths": [f], "mode": "add"}, {"paths": None, "mode": "remove", "remove_ids": ["story_0"]}):
        with pytest.raises(StoreCorruptError, match="factqa index build"):
            update_store(copy, model=MODEL, progress=False, **kw)
    assert current_generation(copy) == gen and not [p for p in copy.iterdir() if CORRUPT_MARK in p.name]


def test_store_path_that_is_a_file(tmp_path, town_corpus):
    f = tmp_path / "store"
    f.write_text("not a store")
    with pytest.raises(StoreAccessError, match="is a file, not a store folder"):
        update_store(f, [town_corpus], mode="build", model=MODEL, progress=False)
    with pytest.raises(StoreAccessError, match="is a file, not a store folder"):
        Store(f).load()
    with pytest.raises(StoreAccessError, match="a parent is a file"):
        update_store(f / "sub", [town_corpus], mode="build", model=MODEL, progress=False)
    assert f.read_text() == "not a store"


def test_unwritable_store_fails_before_embedding(copy, town_corpus, monkeypatch):
    """The write probe: a PermissionError creating a file in the store (as a read-only mount gives)."""
    import tempfile

    import index.build

    real = tempfile.mkstemp

    def deny(*a, **k):
        if str(k.get("dir", "")) == str(copy):
            raise PermissionError(13, "Permission denied", str(copy / ".write-probe"))
        return real(*a, **k)

    monkeypatch.setattr(tempfile, "mkstemp", deny)
    monkeypatch.setattr(index.build, "get_embedder", lambda *a, **k: pytest.fail("embedded before failing"))
    with pytest.raises(StoreAccessError, match="read-only for this user"):
        update_store(copy, [town_corpus], mode="add", model=MODEL, progress=False)


def test_unreadable_file_is_an_access_error_not_corruption(copy, monkeypatch):
    import index.integrity

    real = index.integrity.file_sha256

    def deny(p):
        if p.name == "chunks.jsonl":
            raise PermissionError(13, "Permission denied", str(p))
        return real(p)

    monkeypatch.setattr(index.integrity, "file_sha256", deny)
    with pytest.raises(StoreAccessError, match=r"cannot read the store .*chunks\.jsonl: unreadable \(Permission denied\)"):
        Store(copy).load()
    health = verify_store(copy)
    assert [(f.name, f.status) for f in health.files if not f.ok] == [("chunks.jsonl", FileStatus.UNREADABLE)]


def test_lock_wait_is_reported_and_timed_apart(copy, tmp_path):
    f = tmp_path / "x.txt"
    f.write_text(STORY, encoding="utf-8")
    held = FileLock(str(copy / ".lock"), thread_local=False)  # released by a timer thread
    held.acquire()
    waited = []

    def on_wait(root):
        waited.append(root)
        threading.Timer(1.5, held.release).start()

    said = []
    r = update_store(copy, [f], mode="add", model=MODEL, progress=False, on_lock_wait=on_wait,
                     on_progress=lambda frac, msg: said.append(msg))
    assert waited == [copy] and r.lock_wait_seconds >= 1.4 and said[0].startswith("waiting for another")
    assert r.seconds < r.lock_wait_seconds  # indexing time does not include the wait
    assert "after waiting" in r.summary() and r.added == ["x"]


def test_bad_input_changes_nothing_without_skip_bad(copy, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(STORY, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    gen = current_generation(copy)
    r = update_store(copy, [good, empty], mode="add", model=MODEL, progress=False, skip_bad=False)
    assert r.rejected and r.added == [] and r.embedded_texts == 0 and r.errors == [f"{empty}: empty file"]
    assert current_generation(copy) == gen and "nothing was changed" in r.summary()
    r = update_store(copy, [good, empty], mode="add", model=MODEL, progress=False)  # the chat's uploads
    assert not r.rejected and r.added == ["good"] and r.errors == [f"{empty}: empty file"]
    assert "good" in Store(copy).load().articles


def test_store_of_an_older_format_is_rewritten_by_build_keeping_its_vectors_not_set_aside(copy, town_corpus):
    import json

    from index.errors import StoreOutdatedError
    from index.integrity import write_manifest

    gen = current_generation(copy)
    m = json.loads((gen / "manifest.json").read_text())
    write_manifest(gen, {**m, "format_version": 1})
    with pytest.raises(StoreOutdatedError, match="format version 1.*factqa index upgrade"):
        Store(copy).load()
    r = update_store(copy, [town_corpus], mode="add", progress=False)  # same model and runtime: nothing re-embedded
    assert r.embedded_texts == 0 and len(r.unchanged) == 3
    assert any("format 1" in w and "keeping its vectors" in w for w in r.warnings)
    assert Store(copy).load().manifest["format_version"] == 2
    write_manifest(gen := current_generation(copy), {**json.loads((gen / "manifest.json").read_text()),
                                                     "format_version": 1})
    r = update_store(copy, [town_corpus], mode="build", model=MODEL, progress=False)
    assert r.set_aside is None and len(r.unchanged) + len(r.added) == 3
    assert verify_store(copy).ok and not [p for p in copy.iterdir() if CORRUPT_MARK in p.name]


@pytest.mark.parametrize("fault", ["truncate", "zero", "delete"])
def test_damaged_current_pointer_is_a_clear_error_and_build_repairs_it(copy, town_corpus, fault):
    from index.errors import StoreError

    damage(copy / "CURRENT", fault)
    with pytest.raises(StoreError, match=f"factqa index build seeds/ --store {re.escape(str(copy))}"):
        Store(copy).load()
    update_store(copy, [town_corpus], mode="build", model=MODEL, progress=False)
    assert verify_store(copy).ok and len(Store(copy).load().articles) == 3


def test_a_writer_that_waits_too_long_says_the_store_is_locked(copy, tmp_path, monkeypatch):
    import index.build
    from index.errors import StoreError

    monkeypatch.setattr(index.build, "LOCK_TIMEOUT_S", 0.3)
    held = FileLock(str(copy / ".lock"), thread_local=False)
    held.acquire()
    try:
        with pytest.raises(StoreError, match="locked by another indexing process"):
            update_store(copy, None, mode="remove", remove_ids=["story_0"], model=MODEL, progress=False)
    finally:
        held.release()
