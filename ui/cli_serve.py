"""``factqa serve``: the web UI (registered by ``ui.cli`` when this module is present)."""
from __future__ import annotations

import signal
import sys
from pathlib import Path

import click

from ui import serve_link


@click.command("serve")
@click.option("--port", default=7860, show_default=True, type=click.IntRange(1, 65535), help="Port to listen on.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Interface to bind; use 0.0.0.0 to allow other machines (no authentication!).")
@click.option("--store", "store", type=click.Path(path_type=Path), default=None,
              help="Store folder (default: $FACTQA_STORE or .factqa/store).")
def serve_cmd(port: int, host: str, store: Path | None) -> None:
    """Start the web UI at http://HOST:PORT (models load in the background)."""
    from index.store import default_store_path
    from ui.app import build_app, launch

    from index.backends import is_milvus

    store = store or default_store_path()
    if not is_milvus(store) and not (store / "CURRENT").exists():  # a Milvus store says so on its first load
        click.echo(f"Note: no index at {store} yet; build one with `factqa index build seeds/ --store {store}` "
                   "or upload articles in the page.", err=True)
    demo = build_app(store)
    click.echo(f"factqa is starting at http://{host}:{port} (store: {store}); press Ctrl+C to stop.")
    try:
        launch(demo, host=host, port=port, quiet=True, prevent_thread_lock=True)
    except OSError as exc:  # port in use, cannot bind
        raise click.ClickException(f"cannot listen on {host}:{port}: {exc}. Try another --port.") from exc
    # `factqa ask/check --store` on this store now send their questions here (ui.serve_link)
    announced = serve_link.announce(store, host, port)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # so that `kill` also removes the file
    try:
        demo.block_thread()
    finally:
        serve_link.withdraw(announced)
        demo.close()
