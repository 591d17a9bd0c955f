"""The web UI in a real browser (headless Debian chromium) over a seed store, with the real models.

One app and one browser per session; each test opens its own page (its own Gradio session).
Screenshots of each state land in docs/screenshots/.
"""
from __future__ import annotations

import re
import shutil
import socket
import time
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[1]
SHOTS = ROOT / "docs" / "screenshots"
SEED_DOC = "000_374c5ab4a89fe0ab"
VERDICT_LABELS = {"Supported", "Refuted", "Conflicting", "Not enough evidence"}
TIMEOUT_MS = 90_000

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian chromium at /usr/bin/chromium (`make browser`)"),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def app_url(seed_store, tmp_path_factory):
    """The app over a private copy of the seed store (the upload test adds to it), on a free port."""
    from ui.app import build_app, launch

    store = tmp_path_factory.mktemp("ui") / "store"
    shutil.copytree(seed_store, store)
    demo = build_app(store)
    port = _free_port()
    launch(demo, port=port, prevent_thread_lock=True, quiet=True)
    assert demo.factqa_backend.ready.wait(300), "the models did not load"
    yield f"http://127.0.0.1:{port}/"
    demo.close()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM),
                              args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        yield b
        b.close()


@pytest.fixture
def page(browser, app_url):
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = ctx.new_page()
    pg.set_default_timeout(TIMEOUT_MS)
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.goto(app_url)
    pg.wait_for_selector(".fq-status-ok")
    pg.js_errors = errors  # type: ignore[attr-defined]
    yield pg
    ctx.close()


DONE = "#fq-chat .fq-msg:is(.fq-check, .fq-ask):has(.fq-foot), #fq-chat .fq-msg:has(.fq-notice)"


def send(page, text: str, mode: str = "ask"):
    """Type ``text`` in the given mode, send it, and return the finished answer bubble."""
    label = "Check a claim" if mode == "check" else "Ask a question"
    page.locator("#fq-mode").get_by_text(label, exact=True).click()
    before = page.locator(DONE).count()
    page.fill("#fq-input textarea", text)
    page.click("#fq-send")
    page.wait_for_function("([sel, n]) => document.querySelectorAll(sel).length > n", arg=[DONE, before])
    return page.locator(DONE).last


def shot(page, name: str) -> None:
    """Save the viewport once the chat has settled (it shows the latest question and its answer)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    time.sleep(1.2)
    page.screenshot(path=str(SHOTS / f"{name}.png"))


def test_first_load_shows_examples_and_corpus(page):
    assert page.locator("#fq-chat").get_by_text("How many North Korean troops are in Kursk?").count() == 1
    assert page.locator("#fq-corpus li.fq-doc").count() == 5
    assert "Nov 2024" in page.inner_text("#fq-corpus")
    shot(page, "00_start")


def test_ask_shows_answer_with_highlighted_source(page):
    msg = send(page, "How many North Korean troops are in Kursk?")
    assert "11,000" in msg.locator(".fq-answer").inner_text()
    card = msg.locator(f".fq-card:has(.fq-title[title='{SEED_DOC}'])").first
    assert card.count() == 1
    assert "11,000" in card.locator("mark").first.inner_text()
    assert msg.locator("table.fq-table tr").count() >= 3  # figures table: header + >= 2 figures
    shot(page, "01_ask")
    # one click on a marker brings its passage into view
    ref = msg.locator(".fq-answer a.fq-ref").first
    target = ref.get_attribute("href")
    assert re.fullmatch(r"#cite-[0-9a-f]+-1", target)
    ref.scroll_into_view_if_needed()
    ref.click()
    page.wait_for_selector(f"{target}.fq-flash")
    time.sleep(1.0)  # smooth scrolling
    assert page.locator(target).evaluate(
        "el => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }")
    assert page.url.rstrip("/") == page.url.rstrip("/").split("#")[0]  # stayed on the page
    assert page.js_errors == []


def test_check_claim_shows_verdict_badge_and_stances(page):
    msg = send(page, "North Korea has sent 100,000 troops to Russia", mode="check")
    badge = msg.locator(".fq-badge")
    assert badge.inner_text().strip().split("\n")[-1].lstrip("✓✕⇄? ") in VERDICT_LABELS
    assert msg.locator(".fq-card .fq-stance").count() >= 1
    assert msg.locator(".fq-reason").count() >= 1
    shot(page, "02_check")


def test_follow_up_shows_rewritten_query(page):
    send(page, "How many North Korean troops are in Kursk?")
    msg = send(page, "and how many were killed or wounded?")
    query = msg.locator(".fq-query-text")
    assert query.count() == 1
    assert "kursk" in query.inner_text().lower() or "korean" in query.inner_text().lower()
    shot(page, "03_followup")


def test_sessions_and_reloads_do_not_share_history(page, browser, app_url):
    send(page, "How many North Korean troops are in Kursk?")
    other = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    other.set_default_timeout(TIMEOUT_MS)
    other.goto(app_url)
    other.wait_for_selector(".fq-status-ok")
    assert other.locator("#fq-chat .fq-msg").count() == 0
    msg = send(other, "and how many were killed or wounded?")
    assert msg.locator(".fq-query").count() == 0  # no history here: nothing to rewrite against
    other.context.close()
    page.reload()
    page.wait_for_selector(".fq-status-ok")
    assert page.locator("#fq-chat .fq-msg").count() == 0


def test_question_with_xss_payload_is_shown_as_text(page):
    payload = '<img src=x onerror="window.__xss=1"> <script>window.__xss=1</script> [x](javascript:window.__xss=1)'
    send(page, payload)
    assert "onerror" in page.locator("#fq-chat .fq-user").last.inner_text()
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.locator("#fq-chat img[onerror], #fq-chat script, #fq-chat a[href^='javascript']").count() == 0


def test_unanswerable_is_a_notice(page):
    msg = send(page, "What is the capital of Peru?")
    assert "The articles don't say" in msg.locator(".fq-notice").inner_text()
    assert msg.locator(".fq-notice-warn").count() == 0


def test_upload_with_xss_payload_is_inert_and_answerable(page, tmp_path):
    payload = ('<script>window.__xss=1</script> <img src=x onerror="window.__xss=1"> '
               "[click](javascript:window.__xss=1)")
    article = tmp_path / "kestrel_count.txt"
    article.write_text(
        f"Kestrel survey <img src=x onerror=\"window.__xss=1\">\n\n"
        f"The Zorblatt Observatory in Vennmark counted 4,321 migrating kestrels on Tuesday. {payload}\n\n"
        "Volunteers said the count was the highest since records began.\n", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    page.set_input_files("#fq-upload input[type=file]", [str(article), str(empty)])
    page.wait_for_selector("#fq-upload-msg .fq-up-ok")
    report = page.inner_text("#fq-upload-msg")
    assert "Indexed 1 article" in report
    assert "empty.txt" in report and "empty file" in report and "/tmp" not in report
    assert page.locator("#fq-corpus li.fq-doc[title='kestrel_count']").count() == 1
    shot(page, "04_upload")

    msg = send(page, "How many migrating kestrels did the Zorblatt Observatory count?")
    assert "4,321" in msg.locator(".fq-answer").inner_text()
    card = msg.locator(".fq-card:has(.fq-title[title='kestrel_count'])").first
    assert card.count() == 1
    assert "<script>" in card.inner_text() or "javascript:" in card.inner_text()  # shown as text
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.locator("#fq-chat script, #fq-chat img[onerror], #fq-chat a[href^='javascript']").count() == 0
    shot(page, "05_upload_answer")
    assert page.evaluate("typeof window.__xss") == "undefined"


def test_api_ask_and_check(app_url):
    from gradio_client import Client

    client = Client(app_url, verbose=False)
    ans = client.predict("How many North Korean troops are in Kursk?", [], api_name="/ask")
    assert ans["mode"] == "ask" and ans["answerable"] is True
    assert "11,000" in ans["answer"]
    assert any(c["doc_id"] == SEED_DOC for c in ans["citations"])
    res = client.predict("North Korea has sent 100,000 troops to Russia", api_name="/check")
    assert res["mode"] == "check"
    assert res["verdict"] in {"supported", "refuted", "conflicting", "not_enough_evidence"}


def test_api_doc_snippet_runs(app_url, capsys):
    text = (ROOT / "docs" / "API.md").read_text(encoding="utf-8")
    code = re.search(r"```python\n(.*?)```", text, re.S).group(1)
    assert "http://127.0.0.1:7860/" in code
    exec(compile(code.replace("http://127.0.0.1:7860/", app_url), "docs/API.md", "exec"), {})
    out = capsys.readouterr().out
    assert "searched for:" in out and SEED_DOC in out
