"""``factqa ask`` / ``check`` through a running ``factqa serve`` on the same store.

``factqa serve`` writes ``<store>/serve.json`` (``{"url", "pid", "store"}``) once it listens and
removes it when it stops. The CLI reads it and sends the question to that server's API
(``ask`` / ``check``, the endpoints the page's "Use via API" lists): the models, the store and the
parsed sentences are already in memory there, so the answer comes back in milliseconds instead of
a cold start. A file whose process is gone is stale and ignored (and removed); a server that does
not answer within ``TIMEOUT_S`` or answers with an error is ignored too: the CLI then answers
locally, as without a server. ``$FACTQA_NO_SERVE=1`` (or ``--local``) always answers locally.

Only the standard library is imported here, so that the fast path stays fast. Folder stores only
(a Milvus store has no folder to hold the file).
"""
from __future__ import annotations

import json
import logging
import os
import secrets
from pathlib import Path
from urllib.parse import urlsplit

log = logging.getLogger(__name__)

DISCOVERY = "serve.json"
ENV_OFF = "FACTQA_NO_SERVE"
TIMEOUT_S = 60.0  # a cold server waits for its models before it answers (ui.app READY_TIMEOUT_S)
API_PREFIX = "/gradio_api/call"


class RemoteUnavailable(Exception):
    """The server did not give an answer; answer locally instead."""


def discovery_path(store: str | Path) -> Path | None:
    """Where ``serve`` announces itself for ``store`` (None for a Milvus store)."""
    text = str(store)
    if text.startswith(("milvus:", "milvus+")):
        return None
    return Path(store) / DISCOVERY


def announce(store: str | Path, host: str, port: int) -> Path | None:
    """Write the discovery file (temp file + rename, readable by this user only); returns its path."""
    path = discovery_path(store)
    if path is None or not path.parent.is_dir():
        return None
    client_host = "127.0.0.1" if host in ("0.0.0.0", "", "::") else host
    record = {"url": f"http://{client_host}:{port}", "pid": os.getpid(), "store": str(Path(store).resolve())}
    tmp = path.with_name(f".{DISCOVERY}.{secrets.token_hex(4)}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(record, f)
        os.replace(tmp, path)
    except OSError as exc:  # a read-only store still serves; the CLI just will not find it
        log.warning("cannot write %s (%s); factqa ask will not use this server", path, exc)
        tmp.unlink(missing_ok=True)
        return None
    return path


def withdraw(path: Path | None) -> None:
    """Remove the discovery file if it is still this process's."""
    if path is None:
        return
    try:
        if json.loads(path.read_text(encoding="utf-8")).get("pid") == os.getpid():
            path.unlink()
    except (OSError, ValueError, AttributeError):
        pass


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True


def find(store: str | Path) -> str | None:
    """The URL of a live ``serve`` on ``store``, or None (no file, stale file, or turned off)."""
    if os.environ.get(ENV_OFF, "").strip() not in ("", "0"):
        return None
    path = discovery_path(store)
    if path is None:
        return None
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
        url, pid = str(record["url"]), int(record["pid"])
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):
        log.info("ignoring unreadable %s", path)
        return None
    if not _alive(pid):
        log.info("ignoring stale %s (process %d is gone)", path, pid)
        try:
            path.unlink()
        except OSError:
            pass
        return None
    return url


# the API's inputs after the text: ``ask(question, history)``, ``check(claim)`` (ui.app.make_api)
EXTRA_INPUTS = {"ask": [None], "check": []}


def call(url: str, api: str, text: str, timeout: float = TIMEOUT_S) -> dict:
    """``api`` ("ask" or "check") on the server at ``url``: the answer's ``to_dict()``.
    Raises ``RemoteUnavailable`` on any failure (refused, timeout, error event, bad reply)."""
    import http.client  # here, not at the top: a CLI without a server never pays its import

    parts = urlsplit(url)
    try:
        conn = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port or 80, timeout=timeout)
        try:
            body = json.dumps({"data": [text, *EXTRA_INPUTS[api]]})
            conn.request("POST", f"{API_PREFIX}/{api}", body=body, headers={"Content-Type": "application/json"})
            resp = conn.getresponse()
            payload = resp.read()
            if resp.status != 200:
                raise RemoteUnavailable(f"{url}: HTTP {resp.status} on {api}")
            event_id = json.loads(payload)["event_id"]
            conn.request("GET", f"{API_PREFIX}/{api}/{event_id}")
            resp = conn.getresponse()
            stream = resp.read().decode("utf-8")
        finally:
            conn.close()
    except (OSError, http.client.HTTPException, ValueError, KeyError, TypeError) as exc:
        raise RemoteUnavailable(f"{url}: {exc}") from exc
    return _complete(stream, url)


def _complete(stream: str, url: str) -> dict:
    """The data of the ``complete`` event of a Gradio server-sent-events reply."""
    event = None
    for line in stream.splitlines():
        if line.startswith("event:"):
            event = line[6:].strip()
        elif line.startswith("data:") and event == "complete":
            try:
                data = json.loads(line[5:].strip())
            except ValueError as exc:
                raise RemoteUnavailable(f"{url}: unreadable reply") from exc
            if isinstance(data, list) and data and isinstance(data[0], dict):
                return data[0]
            raise RemoteUnavailable(f"{url}: unexpected reply")
    raise RemoteUnavailable(f"{url}: no answer ({event or 'no event'})")
