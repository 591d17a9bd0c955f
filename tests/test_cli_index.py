"""`factqa index ...`: bad inputs give one line and exit 2, and lose nothing."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FACTQA = [str(Path(sys.executable).parent / "factqa")]


def run(*args, cwd=ROOT):
    env = dict(os.environ, HF_HUB_OFFLINE="1")
    return subprocess.run([*FACTQA, *map(str, args)], capture_output=True, text=True, cwd=cwd, env=env, timeout=300)


def assert_one_line_error(p):
    assert p.returncode == 2, (p.stdout, p.stderr)
    assert "Traceback" not in p.stderr
    assert p.stderr.strip().startswith("Error:")


def test_missing_path(store_copy):
    assert_one_line_error(run("index", "add", "/no/such/file.txt", "--store", store_copy))


@pytest.mark.parametrize("name,content", [
    ("empty.txt", b""),
    ("binary.txt", b"\x00\x01\x02PNG\x00" * 100),
    ("nosentences.txt", b"12 34 56\n\n789\n"),
    ("notes.pdf", b"%PDF-1.4"),
])
def test_bad_file_exit_2_and_store_unchanged(store_copy, tmp_path, name, content):
    f = tmp_path / name
    f.write_bytes(content)
    p = run("index", "add", f, "--store", store_copy, "--quiet")
    assert_one_line_error(p)
    s = run("index", "stats", "--store", store_copy)
    assert "articles   5" in s.stdout


def test_huge_file_rejected(store_copy, tmp_path):
    f = tmp_path / "huge.txt"
    f.write_bytes(b"Word and more words. " * (50 * 1024 * 1024 // 21))
    p = run("index", "add", f, "--store", store_copy, "--quiet")
    assert_one_line_error(p)
    assert "MB limit" in p.stderr


def test_non_utf8_is_decoded_with_warning(store_copy, tmp_path):
    f = tmp_path / "latin.txt"
    f.write_bytes("Caf\u00e9 story\n\nThe caf\u00e9 in Lille served 300 people on Sunday.\n".encode("cp1252"))
    p = run("index", "add", f, "--store", store_copy, "--quiet")
    assert p.returncode == 0, p.stderr
    assert "decoded as cp1252" in p.stderr


def test_corrupt_store_is_one_line_error(store_copy):
    from index.store import current_generation

    (current_generation(store_copy) / "sentences.npy").write_bytes(b"broken")
    p = run("index", "stats", "--store", store_copy)
    assert_one_line_error(p)
    assert "factqa index build" in p.stderr


def test_stats_and_build_noop(store_copy):
    p = run("index", "build", ROOT / "seeds", "--store", store_copy)
    assert p.returncode == 0 and "unchanged 5" in p.stdout and "embedded 0 texts" in p.stdout
    s = run("index", "stats", "--store", store_copy)
    assert "all-MiniLM-L6-v2" in s.stdout and "chunks" in s.stdout


def test_remove_unknown_id(store_copy):
    assert_one_line_error(run("index", "remove", "nope", "--store", store_copy, "--quiet"))


def test_store_env_variable(store_copy):
    env = dict(os.environ, FACTQA_STORE=str(store_copy))
    p = subprocess.run([*FACTQA, "index", "stats"], capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)
    assert p.returncode == 0 and str(store_copy) in p.stdout
