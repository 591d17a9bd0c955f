"""`factqa` over damaged, misplaced and read-only stores: one line, exit 2, and the suggested repair works."""
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from index.store import current_generation

ROOT = Path(__file__).resolve().parent.parent
FACTQA = str(Path(sys.executable).parent / "factqa")
Q = "How many North Korean troops are in Kursk?"


def run(*args, prefix=(), cwd=ROOT):
    env = dict(os.environ, HF_HUB_OFFLINE="1")
    return subprocess.run([*prefix, FACTQA, *map(str, args)], capture_output=True, text=True, cwd=cwd, env=env,
                          timeout=600)


class Done:
    """What one in-process ``factqa`` command printed (same fields as a finished subprocess)."""

    def __init__(self, result):
        self.returncode, self.stdout, self.stderr = result.exit_code, result.stdout, result.stderr
        if result.exception and not isinstance(result.exception, SystemExit):
            self.stderr += "Traceback: " + repr(result.exception)


def cli(*args):
    """Run ``factqa ARGS`` in this process (no interpreter start-up; models stay loaded)."""
    from ui.cli import main

    return Done(CliRunner().invoke(main, [str(a) for a in args]))


def assert_one_line_error(p, *needles):
    assert p.returncode == 2, (p.stdout, p.stderr)
    assert "Traceback" not in p.stderr
    errors = [line for line in p.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1, p.stderr
    for n in needles:
        assert n in errors[0], errors[0]
    return errors[0]


def test_corrupt_store_suggested_command_repairs_it(store_copy, monkeypatch):
    gen = current_generation(store_copy)
    faiss_file = gen / "chunks.faiss"
    faiss_file.write_bytes(faiss_file.read_bytes()[:100])
    err = assert_one_line_error(cli("ask", Q, "--store", store_copy), "chunks.faiss", "is corrupt")
    command = re.search(r"rebuild it with: (factqa index build .+?)(?: \(|$)", err).group(1)
    assert command == f"factqa index build seeds/ --store {store_copy}"
    monkeypatch.chdir(ROOT)  # the command is given for the project folder
    fixed = cli(*shlex.split(command)[1:])
    assert fixed.returncode == 0, fixed.stderr
    assert f"kept aside as {store_copy}/{gen.name}.corrupt-" in fixed.stderr and "added 5" in fixed.stdout
    ans = cli("ask", "--json", Q, "--store", store_copy)
    assert ans.returncode == 0 and '"citations": [{' in ans.stdout
    v = cli("index", "verify", "--store", store_copy)
    assert v.returncode == 0 and "the store is healthy" in v.stdout and ".corrupt-" in v.stdout


@pytest.mark.parametrize("name,fault", [("sentences.jsonl", "zero"), ("bm25", "delete"), ("manifest.json", "delete"),
                                        ("bm25/size.txt", "truncate")])
def test_damaged_store_is_one_line_error_and_verify_names_the_file(store_copy, name, fault):
    p = current_generation(store_copy) / name
    if fault == "zero":
        p.write_bytes(b"\0" * p.stat().st_size)
    elif fault == "truncate":
        p.write_bytes(p.read_bytes()[:-1])
    else:
        shutil.rmtree(p) if p.is_dir() else p.unlink()
    assert_one_line_error(cli("index", "stats", "--store", store_copy), name, "factqa index build seeds/ --store")
    v = cli("index", "verify", "--store", store_copy)
    assert_one_line_error(v, "corrupt")
    status = {"zero": "checksum mismatch", "delete": "missing", "truncate": "bytes, expected"}[fault]
    assert re.search(rf"^BAD  {re.escape(name)}\S*: .*{status}", v.stdout, re.M), v.stdout


def test_verify_healthy_store(store_copy):
    # 13 files, and 6 more since the article-level BM25 index (bm25-articles/, index.store)
    v = cli("index", "verify", "--store", store_copy)
    assert v.returncode == 0 and v.stdout.count("\nok   ") == 19 and "BAD" not in v.stdout


@pytest.mark.parametrize("args", [("index", "build", "seeds"), ("index", "add", "seeds/000_374c5ab4a89fe0ab.txt"),
                                  ("index", "remove", "x"), ("index", "stats"), ("index", "verify"), ("ask", Q)])
def test_store_that_is_a_file(tmp_path, args):
    f = tmp_path / "store.txt"
    f.write_text("not a store")
    assert_one_line_error(cli(*args, "--store", f), "is a file, not a store folder")
    assert f.read_text() == "not a store"


@pytest.fixture()
def immutable(store_copy):
    """The store folder made immutable (chattr +i): even root cannot create files in it."""
    if shutil.which("chattr") is None or subprocess.run(["chattr", "+i", str(store_copy)]).returncode != 0:
        pytest.skip("chattr +i is not available on this file system")
    try:
        yield store_copy
    finally:
        subprocess.run(["chattr", "-i", str(store_copy)], check=True)


def test_read_only_store_refuses_writes_and_still_answers(immutable, tmp_path):
    before = (immutable / "CURRENT").read_text()
    f = tmp_path / "harbour.txt"
    f.write_text("Harbour report\n\nThe harbour of Testport handled 4,321 ships last year.\n", encoding="utf-8")
    for args in (("index", "build", "seeds"), ("index", "add", f), ("index", "remove", "003_c660a855ca50e628")):
        assert_one_line_error(cli(*args, "--store", immutable, "--quiet"), "read-only for this user")
    assert cli("index", "stats", "--store", immutable).returncode == 0
    ans = cli("ask", "--json", Q, "--store", immutable)
    assert ans.returncode == 0 and '"citations": [{' in ans.stdout
    assert (immutable / "CURRENT").read_text() == before


NO_DAC = ("setpriv", "--bounding-set", "-dac_override,-dac_read_search")  # root without its permission bypass


def test_unreadable_store_file_is_an_access_error(store_copy):
    if shutil.which("setpriv") is None or subprocess.run([*NO_DAC, "true"]).returncode != 0:
        pytest.skip("setpriv cannot drop capabilities here")
    gen = current_generation(store_copy)
    (gen / "chunks.jsonl").chmod(0)
    for args in (("index", "stats"), ("ask", Q), ("index", "build", "seeds")):
        assert_one_line_error(run(*args, "--store", store_copy, prefix=NO_DAC),
                              "cannot read the store", "chunks.jsonl: unreadable (Permission denied)")
    assert current_generation(store_copy) == gen  # not mistaken for corruption: nothing set aside
    (gen / "chunks.jsonl").chmod(0o644)
    store_copy.chmod(0o555)
    assert_one_line_error(run("index", "remove", "x", "--store", store_copy, prefix=NO_DAC), "read-only for this user")


def test_malformed_jsonl_adds_nothing_unless_skip_bad(store_copy, tmp_path):
    f = tmp_path / "feed.jsonl"
    f.write_text('{"id": "a1", "text": "Alpha town opened a library on Monday, the mayor said."}\n'
                 '{"id": "a2", "text": \n'
                 '{"id": "a3", "text": "Beta town closed two schools on Friday, officials said."}\n'
                 '["not", "an", "object"]\n', encoding="utf-8")
    p = cli("index", "add", f, "--store", store_copy)
    assert p.returncode == 2 and f"{f}:2: not valid JSON" in p.stderr and f"{f}:4: each line needs" in p.stderr
    assert "nothing was changed" in p.stdout and "Traceback" not in p.stderr
    assert "articles   5" in cli("index", "stats", "--store", store_copy).stdout
    p = cli("index", "add", f, "--store", store_copy, "--skip-bad")
    assert p.returncode == 0 and "Added 2: a1, a3" in p.stdout and f"Skipped: {f}:2: not valid JSON" in p.stderr
    assert "articles   7" in cli("index", "stats", "--store", store_copy).stdout


def test_unknown_id_removes_nothing(store_copy):
    p = cli("index", "remove", "003_c660a855ca50e628", "nope", "--store", store_copy)
    assert p.returncode == 2 and "nope: no article with this id" in p.stderr and "nothing was changed" in p.stdout
    assert "articles   5" in cli("index", "stats", "--store", store_copy).stdout


def test_one_bad_byte_keeps_utf8_and_warns(store_copy, tmp_path):
    from index.store import Store

    f = tmp_path / "curly.txt"
    f.write_bytes("Storm report\n\nThe mayor said \u201cwe will rebuild\u201d after 1,200 homes were lost. ".encode()
                  + b"\x9d" + b"Crews worked all night.\n")
    p = cli("index", "add", f, "--store", store_copy, "--quiet")
    assert p.returncode == 0 and "1 invalid UTF-8 byte(s) replaced with U+FFFD" in p.stderr
    assert "\u201cwe will rebuild\u201d" in Store(store_copy).load().article_text("curly")


@pytest.mark.parametrize("quiet", [False, True])
def test_cli_turns_progress_and_lock_notice_on_unless_quiet(monkeypatch, tmp_path, quiet):
    import index.build
    from index.build import BuildReport
    from ui.cli import main

    seen = {}

    def fake_update(store, paths, **kw):
        seen.update(kw)
        return BuildReport()

    monkeypatch.setattr(index.build, "update_store", fake_update)
    args = ["index", "build", str(ROOT / "seeds"), "--store", str(tmp_path / "s")] + (["--quiet"] if quiet else [])
    r = CliRunner().invoke(main, args)
    assert r.exit_code == 0, r.output
    assert seen["progress"] is (not quiet) and (seen["on_lock_wait"] is None) is quiet


def test_cli_says_it_waits_for_another_writer(tmp_path):
    import threading

    from filelock import FileLock

    from index.build import update_store
    from ui.cli import main

    store = tmp_path / "s"
    f = tmp_path / "one.txt"
    f.write_text("One\n\nThe first town opened a library on Monday.\n", encoding="utf-8")
    update_store(store, [f], mode="build", model="hash-64", progress=False)
    g = tmp_path / "two.txt"
    g.write_text("Two\n\nThe second town closed a school on Friday.\n", encoding="utf-8")
    held = FileLock(str(store / ".lock"), thread_local=False)
    held.acquire()
    threading.Timer(1.5, held.release).start()
    r = CliRunner().invoke(main, ["index", "add", str(g), "--store", str(store)])
    assert r.exit_code == 0, r.output
    assert f"waiting for another writer on {store} ..." in r.output
    assert re.search(r"in \d+\.\ds \(after waiting [1-9]\.\ds for another writer\)", r.output), r.output
