"""Screenshots of the web UI on a phone and a desktop: ``make screenshots`` (not a test).

Indexes a corpus folder (default ``seeds/``) into a temporary store, serves the app on a free
local port, drives Debian's headless chromium with Playwright through a short session (empty
page, an answer, a claim check, a follow-up, the article reader) and writes
``<device>-<NN>_<state>.png`` into the output folder. The question and the claim are the first
``ask`` and ``check`` examples of the corpus's ``articles.toml`` (``index.examples``). Needs the
test extra (playwright) and ``/usr/bin/chromium`` (``make browser``).

    python -m ui.screenshots --out docs/screenshots [--corpus FOLDER]
"""
from __future__ import annotations

import argparse
import logging
import socket
import sys
import tempfile
import time
from pathlib import Path

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
DEVICES = {"phone": (390, 844), "desktop": (1400, 900)}
DONE = "#fq-chat .fq-msg:is(.fq-check, .fq-ask):has(.fq-foot), #fq-chat .fq-msg:has(.fq-notice)"
FOLLOW_UP = "And who said that?"
TIMEOUT_MS = 120_000


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def send(page, text: str, mode: str = "ask", settle: float = 0.0):
    """Type ``text`` in the given mode, send it, and return the finished answer bubble (after
    ``settle`` seconds, for a screenshot of a chat that has scrolled to it). The browser tests use it too."""
    label = "Check a claim" if mode == "check" else "Ask a question"
    page.locator("#fq-mode").get_by_text(label, exact=True).click()
    before = page.locator(DONE).count()
    page.fill("#fq-input textarea", text)
    page.click("#fq-send")
    page.wait_for_function("([sel, n]) => document.querySelectorAll(sel).length > n", arg=[DONE, before])
    if settle:
        time.sleep(settle)
    return page.locator(DONE).nth(before)


def _session(browser, url: str, device: str, out: Path, question: str, claim: str) -> list[Path]:
    w, h = DEVICES[device]
    ctx = browser.new_context(viewport={"width": w, "height": h}, device_scale_factor=1)
    page = ctx.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(url)
    page.wait_for_selector(".fq-status-ok")
    shots = []

    def shot(name: str) -> None:
        path = out / f"{device}-{name}.png"
        page.screenshot(path=str(path))
        shots.append(path)

    time.sleep(0.5)
    shot("00_start")
    msg = send(page, question, settle=1.2)
    shot("01_answer")
    table = msg.locator(".fq-figures")
    if table.count():  # an answer that lays figures side by side
        table.first.scroll_into_view_if_needed()
        time.sleep(0.4)
        shot("02_figures")
    send(page, claim, mode="check", settle=1.2)
    shot("03_check")
    send(page, FOLLOW_UP, settle=1.2)
    shot("04_followup")
    msg.locator(".fq-card a.fq-title").first.click()
    page.locator(".fq-reader mark.fq-hit-main").wait_for()
    time.sleep(0.6)
    shot("05_reader")
    ctx.close()
    return shots


def take(out: Path, corpus: Path = ROOT / "seeds") -> list[Path]:
    """Index ``corpus``, serve the app and write the screenshots into ``out``; returns their paths."""
    from playwright.sync_api import sync_playwright

    from index.build import update_store
    from index.examples import ExampleKind
    from ui.app import build_app, launch
    from ui.examples import ChatExamples

    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="factqa-shots-") as tmp:
        store = Path(tmp) / "store"
        update_store(store, [corpus], mode="build", progress=False)
        examples = ChatExamples.of_store(store).items
        question = next((e.text for e in examples if e.kind is ExampleKind.ASK), None)
        claim = next((e.text for e in examples if e.kind is ExampleKind.CHECK), None)
        if question is None or claim is None:
            raise ValueError(f"{corpus}/articles.toml needs an [examples] table with an 'ask' and a 'check' example")
        demo = build_app(store)
        port = _free_port()
        launch(demo, port=port, prevent_thread_lock=True, quiet=True)
        try:
            if not demo.factqa_backend.ready.wait(600):
                raise RuntimeError("the models did not load within 10 minutes")
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                try:
                    url = f"http://127.0.0.1:{port}/"
                    return [s for device in DEVICES for s in _session(browser, url, device, out, question, claim)]
                finally:
                    browser.close()
        finally:
            demo.close()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots", help="folder for the PNG files")
    ap.add_argument("--corpus", type=Path, default=ROOT / "seeds", help="corpus folder (with [examples] in its articles.toml)")
    args = ap.parse_args(argv)
    if not Path(CHROMIUM).exists():
        print(f"error: {CHROMIUM} not found; install it with `make browser`", file=sys.stderr)
        return 2
    try:
        paths = take(args.out, args.corpus)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for path in paths:
        print(path)
    return 0


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING)
    sys.exit(main())
