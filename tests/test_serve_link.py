"""`factqa ask/check` through a running `factqa serve` on the same store (ui.serve_link)."""
import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ui import serve_link

ROOT = Path(__file__).resolve().parent.parent
FACTQA = str(Path(sys.executable).parent / "factqa")


def _dead_pid() -> int:
    p = subprocess.Popen([sys.executable, "-c", "pass"])
    p.wait()
    return p.pid


def test_announce_then_find_then_withdraw(tmp_path):
    path = serve_link.announce(tmp_path, "0.0.0.0", 7999)
    assert path == tmp_path / "serve.json" and oct(path.stat().st_mode & 0o777) == "0o600"
    assert serve_link.find(tmp_path) == "http://127.0.0.1:7999"  # a wildcard bind is reached on loopback
    serve_link.withdraw(path)
    assert not path.exists() and serve_link.find(tmp_path) is None


def test_a_file_of_a_dead_process_is_ignored_and_removed(tmp_path):
    (tmp_path / "serve.json").write_text(json.dumps({"url": "http://127.0.0.1:7999", "pid": _dead_pid()}))
    assert serve_link.find(tmp_path) is None
    assert not (tmp_path / "serve.json").exists()


def test_withdraw_leaves_another_process_file(tmp_path):
    record = {"url": "http://127.0.0.1:7999", "pid": os.getppid()}
    (tmp_path / "serve.json").write_text(json.dumps(record))
    serve_link.withdraw(tmp_path / "serve.json")
    assert json.loads((tmp_path / "serve.json").read_text()) == record


def test_turned_off_by_environment(tmp_path, monkeypatch):
    serve_link.announce(tmp_path, "127.0.0.1", 7999)
    monkeypatch.setenv("FACTQA_NO_SERVE", "1")
    assert serve_link.find(tmp_path) is None


def test_unreadable_file_and_milvus_stores_have_no_server(tmp_path):
    (tmp_path / "serve.json").write_text("{not json")
    assert serve_link.find(tmp_path) is None
    assert serve_link.discovery_path("milvus:/data/news.db") is None


def test_complete_event_gives_the_answer_and_an_error_event_raises():
    ok = 'event: generating\ndata: null\n\nevent: complete\ndata: [{"answer": "12,000"}]\n\n'
    assert serve_link._complete(ok, "u") == {"answer": "12,000"}
    with pytest.raises(serve_link.RemoteUnavailable):
        serve_link._complete('event: error\ndata: {"error": null}\n\n', "u")


def test_nothing_listening_is_unavailable():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again: nothing listens there
    with pytest.raises(serve_link.RemoteUnavailable):
        serve_link.call(f"http://127.0.0.1:{port}", "ask", "How many?", timeout=5)


def _cli(*args, env=None):
    return subprocess.run([FACTQA, *map(str, args)], capture_output=True, text=True, cwd=ROOT, timeout=300,
                          env=dict(os.environ, HF_HUB_OFFLINE="1", **(env or {})))


def _without_timings(out: str) -> dict:
    d = json.loads(out)
    d.pop("timings_ms")
    return d


@pytest.mark.slow  # starts `factqa serve` (Gradio + models): about a minute on 2 busy cores
def test_cli_asks_the_running_serve_and_gets_the_local_answer(store_copy):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([FACTQA, "serve", "--store", str(store_copy), "--port", str(port)], cwd=ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              env=dict(os.environ, HF_HUB_OFFLINE="1"))
    try:
        deadline = time.time() + 240
        while not (store_copy / "serve.json").exists() and server.poll() is None and time.time() < deadline:
            time.sleep(0.5)
        assert (store_copy / "serve.json").exists(), "serve did not announce itself"
        for cmd, text in (("ask", "How many North Korean troops are in Kursk?"),
                          ("check", "North Korea sent 11,000 soldiers to Kursk.")):
            remote = _cli("-v", cmd, "--json", text, "--store", store_copy)
            assert remote.returncode == 0, remote.stderr
            assert "answered by factqa serve" in remote.stderr
            local = _cli(cmd, "--json", "--local", text, "--store", store_copy)
            assert local.returncode == 0, local.stderr
            assert _without_timings(remote.stdout) == _without_timings(local.stdout)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=120)
    assert not (store_copy / "serve.json").exists()  # removed on exit
    after = _cli("-v", "ask", "--json", "How many North Korean troops are in Kursk?", "--store", store_copy)
    assert after.returncode == 0 and "answered by factqa serve" not in after.stderr
