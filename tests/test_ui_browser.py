"""The web UI in a real browser (headless Debian chromium) over a seed store, with the real models.

One app and one browser per session; each test opens its own page (its own Gradio session, and
its own browser context, so its own localStorage). Screenshots are made by `make screenshots`
(ui/screenshots.py), never by the tests: tests do not write into the repository.
"""
from __future__ import annotations

import json
import re
import shutil
import socket
import time
import urllib.request
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[1]
SEED_DOC = "000_374c5ab4a89fe0ab"
VERDICT_LABELS = {"Supported", "Refuted", "Conflicting", "Not enough evidence"}
TIMEOUT_MS = 90_000
KURSK = "How many North Korean troops are in Kursk?"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
VIEWPORTS = {"phone": (390, 844), "tablet": (768, 1024), "desktop": (1400, 900)}

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
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


def open_page(browser, app_url, width=1400, height=1000):
    ctx = browser.new_context(viewport={"width": width, "height": height})
    pg = ctx.new_page()
    pg.set_default_timeout(TIMEOUT_MS)
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.goto(app_url)
    pg.wait_for_selector(".fq-status-ok")
    pg.js_errors = errors  # type: ignore[attr-defined]
    return pg


@pytest.fixture
def page(browser, app_url):
    pg = open_page(browser, app_url)
    yield pg
    pg.context.close()


from ui.screenshots import DONE, send  # noqa: E402 - one way to send a question in a browser

USER = "#fq-chat .fq-user"


def test_first_load_shows_examples_and_corpus(page):
    assert page.locator("#fq-chat").get_by_text("How many North Korean troops are in Kursk?").count() == 1
    assert page.locator("#fq-corpus li.fq-doc").count() == 5
    assert "Nov 2024" in page.inner_text("#fq-corpus")


def test_ask_shows_answer_with_highlighted_source(page):
    msg = send(page, "How many North Korean troops are in Kursk?")
    assert "11,000" in msg.locator(".fq-answer").inner_text()
    card = msg.locator(f".fq-card:has(.fq-title[title='{SEED_DOC}'])").first
    assert card.count() == 1
    assert "11,000" in card.locator("mark").first.inner_text()
    assert msg.locator("table.fq-table tr").count() >= 3  # figures table: header + >= 2 figures
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


def test_follow_up_shows_rewritten_query(page):
    send(page, "How many North Korean troops are in Kursk?")
    msg = send(page, "and how many were killed or wounded?")
    query = msg.locator(".fq-query-text")
    assert query.count() == 1
    assert "kursk" in query.inner_text().lower() or "korean" in query.inner_text().lower()


def test_sessions_do_not_share_history_and_a_reload_keeps_it(page, browser, app_url):
    send(page, KURSK)
    other = open_page(browser, app_url)  # another browser profile: nothing to refer back to
    assert other.locator("#fq-chat .fq-msg").count() == 0
    msg = send(other, "and how many were killed or wounded?")
    assert msg.locator(".fq-query").count() == 0
    assert "earlier answer" in msg.locator(".fq-notice").inner_text()  # asked back, no unrelated quotes
    assert msg.locator(".fq-card").count() == 0
    other.context.close()
    page.reload()
    page.wait_for_selector(".fq-status-ok")
    page.wait_for_selector(DONE)
    assert page.locator(USER).count() == 1 and KURSK in page.locator(USER).first.inner_text()
    assert "11,000" in page.locator(DONE).first.locator(".fq-answer").inner_text()
    # the restored answer is a live one: a follow-up is read against it
    msg = send(page, "And who said that?")
    assert "11,000" in msg.locator(".fq-query").inner_text()
    page.click("#fq-clear")
    page.wait_for_function("() => document.querySelectorAll('#fq-chat .fq-msg').length === 0")
    page.reload()
    page.wait_for_selector(".fq-status-ok")
    time.sleep(1.5)
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

    msg = send(page, "How many migrating kestrels did the Zorblatt Observatory count?")
    assert "4,321" in msg.locator(".fq-answer").inner_text()
    card = msg.locator(".fq-card:has(.fq-title[title='kestrel_count'])").first
    assert card.count() == 1
    assert "<script>" in card.inner_text() or "javascript:" in card.inner_text()  # shown as text
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.locator("#fq-chat script, #fq-chat img[onerror], #fq-chat a[href^='javascript']").count() == 0
    card.locator("a.fq-title").click()  # the reader shows the payloads as text too
    page.locator(".fq-reader mark.fq-hit-main").wait_for()
    assert "<script>" in page.locator(".fq-reader-body").inner_text()
    assert "Kestrel survey <img" in page.locator(".fq-reader-title").inner_text()
    assert page.locator(".fq-reader script, .fq-reader img").count() == 0
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


# -- layout ------------------------------------------------------------------------------------
def _clipped(page, selector: str) -> list[str]:
    """Elements matching ``selector`` whose content overflows them or that stick out of the viewport."""
    return page.evaluate("""(sel) => Array.from(document.querySelectorAll(sel)).filter(el => {
        const r = el.getBoundingClientRect();
        if (!r.width) return false;
        return el.scrollWidth > el.clientWidth + 1 || r.left < -1 || r.right > innerWidth + 1;
    }).map(el => el.outerHTML.slice(0, 80))""", selector)


@pytest.mark.parametrize("device", list(VIEWPORTS))
def test_layout_fits_the_screen(browser, app_url, device):
    w, h = VIEWPORTS[device]
    page = open_page(browser, app_url, w, h)
    try:
        msg = send(page, KURSK)
        assert msg.locator("table.fq-table").count() == 1
        check = send(page, "North Korea has sent 100,000 troops to Russia", mode="check")
        time.sleep(0.5)
        assert page.evaluate("document.scrollingElement.scrollWidth") <= w  # no sideways scroll
        assert _clipped(page, "#fq-send, #fq-clear, .fq-stance, .fq-badge, .fq-status") == []
        assert check.locator(".fq-stance").count() >= 1
        # the status pill never overlaps the tagline
        tag, pill = page.locator(".fq-tag").bounding_box(), page.locator(".fq-status").bounding_box()
        assert (pill["y"] >= tag["y"] + tag["height"] or pill["x"] >= tag["x"] + tag["width"]
                or pill["y"] + pill["height"] <= tag["y"])
        if device == "phone":  # figures become stacked cards: no header row, each cell labelled on one line
            assert msg.locator("table.fq-table thead").evaluate("el => getComputedStyle(el).display") == "none"
            label = msg.locator(".fq-td-label").first
            assert label.inner_text().upper() == "FIGURE"
            box = msg.locator("table.fq-table tbody tr").first.bounding_box()
            assert box["width"] <= w
        else:  # a real table whose headers read on one line (never one letter per line)
            for th in msg.locator("table.fq-table th").all():
                b = th.bounding_box()
                assert b["height"] < 40 and b["width"] > 40, th.inner_text()
        assert page.js_errors == []
    finally:
        page.context.close()


# -- article reader ----------------------------------------------------------------------------
def test_card_title_opens_the_article_with_the_cited_sentence_in_view(page):
    msg = send(page, KURSK)
    card = msg.locator(f".fq-card:has(a.fq-title[title='{SEED_DOC}'])").first
    quote = card.locator("blockquote mark").first.inner_text()
    same_doc = msg.locator(f".fq-card a.fq-title[title='{SEED_DOC}']").count()
    card.locator("a.fq-title").click()
    main = page.locator(".fq-reader mark.fq-hit-main")
    main.wait_for()
    assert main.inner_text() == quote
    assert page.locator(".fq-reader mark.fq-hit").count() == same_doc >= 2  # the answer's other sentences too
    time.sleep(0.3)
    assert main.evaluate("el => { const r = el.getBoundingClientRect(); "
                         "return r.top >= 0 && r.bottom <= innerHeight; }")
    body = page.locator(".fq-reader-body").inner_text()
    assert len(body) > 2000 and "11,000" in body  # the whole article, not a snippet
    assert page.url.rstrip("/") == page.url.rstrip("/").split("#")[0]
    page.keyboard.press("Escape")
    page.wait_for_selector(".fq-reader", state="detached")
    # from the article list: the same article, with every sentence of it cited in this conversation marked
    page.locator(f"#fq-corpus li.fq-doc[title='{SEED_DOC}'] a.fq-doc-title").click()
    page.locator(".fq-reader mark.fq-hit").first.wait_for()
    assert page.locator(".fq-reader mark.fq-hit").count() == same_doc
    page.click(".fq-reader-close")
    page.wait_for_selector(".fq-reader", state="detached")
    assert page.js_errors == []


# -- follow-ups --------------------------------------------------------------------------------
def test_who_said_that_is_read_against_the_last_figure_and_its_source(page):
    first = send(page, KURSK)
    headline_source = first.locator(".fq-card a.fq-title").first.get_attribute("title")
    msg = send(page, "And who said that?")
    note = msg.locator(".fq-query").inner_text()
    assert "11,000" in note and "Washington" in note
    assert msg.locator(".fq-card a.fq-title").first.get_attribute("title") == headline_source == SEED_DOC
    assert "Washington" in msg.locator(".fq-answer").inner_text()


@pytest.mark.parametrize("q", ["And who said that?", "Why?", "When was that?"])
def test_follow_up_without_an_earlier_answer_is_asked_back(page, q):
    msg = send(page, q)
    assert "refer" in msg.locator(".fq-notice").inner_text() or "earlier answer" in msg.inner_text()
    assert msg.locator(".fq-card").count() == 0


# -- progress and input limits -----------------------------------------------------------------
RECORD = """() => { window.__seen = []; window.__caret = 0;
  new MutationObserver(() => {
    const bots = document.querySelectorAll('#fq-chat .fq-msg');
    const last = bots[bots.length - 1];
    if (!last) return;
    if (document.querySelector('#fq-chat .fq-caret')) window.__caret += 1;
    const t = last.innerText.slice(0, 60);
    if (window.__seen[window.__seen.length - 1] !== t) window.__seen.push(t);
  }).observe(document.querySelector('#fq-chat'), {subtree: true, childList: true, characterData: true});
}"""


def test_progress_shows_stages_not_a_typing_effect(page):
    page.evaluate(RECORD)
    send(page, KURSK)
    seen = page.evaluate("window.__seen")
    assert any(s.startswith("Searching the articles") for s in seen), seen
    assert page.evaluate("window.__caret") == 0  # no fake typing
    # the engine's stages (searching, reading N passages; tests/test_stages.py), (loading), the answer:
    # not a reveal in 14 steps; quick stages may be merged by the browser, so at most 4 states
    assert len(seen) <= 4, seen
    assert all(s.startswith(("Searching", "Reading", "Getting ready")) for s in seen[:-1]), seen
    foot = page.locator(DONE).last.locator(".fq-foot").inner_text()
    assert re.search(r"searched \d+ articles? \(\d+ ms\) · cited \d+ passages? \(\d+ ms\) · total \d+ ms", foot), foot


def test_too_long_question_is_refused_before_it_is_echoed(page):
    long_q = "How many troops " + "very " * 1200 + "?"
    page.fill("#fq-input textarea", long_q)
    page.click("#fq-send")
    note = page.locator("#fq-note .fq-note")
    note.wait_for()
    assert "limit is 2,000" in note.inner_text()
    assert note.bounding_box()["height"] < 40  # one line
    assert page.locator(USER).count() == 0  # never echoed into the chat
    assert page.input_value("#fq-input textarea") == long_q  # nothing lost
    page.fill("#fq-input textarea", KURSK)
    page.click("#fq-send")
    page.wait_for_selector(DONE)
    assert page.locator("#fq-note .fq-note").count() == 0


def test_upload_shows_one_progress_bar_on_its_report(app_url):
    cfg = json.load(urllib.request.urlopen(app_url.rstrip("/") + "/config"))
    ids = {c.get("props", {}).get("elem_id"): c["id"] for c in cfg["components"]}
    upload = [d for d in cfg["dependencies"] if any(t[0] == ids["fq-upload"] for t in d["targets"])]
    assert len(upload) == 1
    assert upload[0]["show_progress_on"] == [ids["fq-upload-msg"]]


def test_api_asks_back_for_a_follow_up_without_history(app_url):
    from gradio_client import Client

    client = Client(app_url, verbose=False)
    with pytest.raises(Exception, match="refer to"):
        client.predict("And who said that?", [], api_name="/ask")


@pytest.mark.slow
def test_twenty_concurrent_sessions_get_the_single_user_answers(browser, app_url):
    """20 pages ask 3 questions at the same time; every answer equals the one a lone user gets."""
    questions = [KURSK, "Who is Ukraine's ambassador in Seoul?", "And who said that?"]
    solo = open_page(browser, app_url)
    expected = [send(solo, q).locator(".fq-answer, .fq-notice").first.inner_text() for q in questions]
    solo.context.close()
    pages = [open_page(browser, app_url, 1000, 800) for _ in range(20)]
    try:
        for i, q in enumerate(questions):
            for pg in pages:
                pg.fill("#fq-input textarea", q)
                pg.click("#fq-send")
            for pg in pages:
                pg.wait_for_function("([sel, n]) => document.querySelectorAll(sel).length > n", arg=[DONE, i])
                assert pg.locator(DONE).nth(i).locator(".fq-answer, .fq-notice").first.inner_text() == expected[i]
            assert all(pg.js_errors == [] for pg in pages)
    finally:
        for pg in pages:
            pg.context.close()
