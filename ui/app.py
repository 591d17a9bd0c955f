"""The web UI: a chat that answers or checks claims with clickable, highlighted sources.

Thin by design: every answer comes from ``qa.engine.Engine``; the HTML comes from ``ui.render``.
One ``Engine`` is shared (read-only, thread-safe) by all sessions; everything that belongs to a
conversation (its messages, its previous questions) lives in per-session ``gr.State``.
"""
from __future__ import annotations

import logging
import os
import shutil
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Any

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import gradio as gr  # noqa: E402

from index.errors import FactqaIndexError  # noqa: E402
from ui import render  # noqa: E402
from ui.style import CSS, HEAD, theme  # noqa: E402

log = logging.getLogger(__name__)

EXAMPLES: list[tuple[str, str]] = [
    ("ask", "How many North Korean troops are in Kursk?"),
    ("ask", "How large could the North Korean force sent to Russia become?"),
    ("ask", "Who is Ukraine's ambassador in Seoul?"),
    ("check", "North Korea has sent 100,000 troops to Russia"),
]
MODES = [("Ask a question", "ask"), ("Check a claim", "check")]
PLACEHOLDERS = {"ask": "Ask about the articles, e.g. How many North Korean troops are in Kursk?",
                "check": "Type a claim to check, e.g. North Korea has sent 100,000 troops to Russia"}
UPLOAD_TYPES = [".txt", ".md", ".html", ".htm", ".jsonl"]
MAX_UPLOAD = "520mb"  # per-article limits (10 MB; .jsonl 512 MB) are enforced by the loader
STREAM_STEPS = 14
SHOW_LATEST = "() => window.fqShowLatest && window.fqShowLatest()"  # defined in ui.style.HEAD
READY_TIMEOUT_S = 600


class Backend:
    """The shared engine plus its warm-up state. Immutable per session; one per app."""

    def __init__(self, store_path: str | Path) -> None:
        self.store_path = Path(store_path)
        self.ready = threading.Event()
        self.error: str | None = None
        self._engine = None
        self._lock = threading.Lock()

    @property
    def engine(self):
        with self._lock:
            if self._engine is None:
                from qa.engine import Engine

                self._engine = Engine(self.store_path)
            return self._engine

    def start(self) -> "Backend":
        threading.Thread(target=self._warm, name="factqa-warm", daemon=True).start()
        return self

    def _warm(self) -> None:
        try:
            self.engine.warm(vocabulary=False)
            self.error = None
        except FactqaIndexError as exc:
            self.error = str(exc)
        except Exception:  # noqa: BLE001 - the page must say something, the log has the details
            log.exception("warm-up failed")
            self.error = "the models could not be loaded; see the server log"
        finally:
            self.ready.set()
        if self.error is None:  # then the store's words, while the first questions can already be asked
            self.preload_vocabulary()

    def preload_vocabulary(self) -> None:
        try:
            self.engine.preload_vocabulary()
        except Exception:  # noqa: BLE001 - only an optimisation: questions embed their own words
            log.exception("preloading the vocabulary failed")

    def corpus_rows(self) -> list[dict[str, Any]]:
        store = self.engine.store
        counts: dict[str, int] = {}
        for c in store.chunks:
            counts[c.doc_id] = counts.get(c.doc_id, 0) + 1
        return [{"id": a.id, "title": a.title, "outlet": a.outlet, "date": a.date, "chunks": counts.get(a.id, 0)}
                for a in store.articles.values()]


def _status(backend: Backend) -> tuple[str, str, Any]:
    """Status pill, corpus panel and the timer (stopped once ready)."""
    if not backend.ready.is_set():
        return render.status_html(False), render.corpus_html([]), gr.Timer(active=True)
    try:
        rows = backend.corpus_rows()
    except FactqaIndexError as exc:
        return (render.status_html(True, error="No articles indexed yet — add some", hint=str(exc)),
                render.corpus_html([]), gr.Timer(active=False))
    if backend.error:
        short = backend.error if len(backend.error) <= 60 else backend.error[:57] + "…"
        return (render.status_html(True, error=f"Not ready: {short}", hint=backend.error), render.corpus_html(rows),
                gr.Timer(active=False))
    n, chunks = len(rows), sum(r["chunks"] for r in rows)
    return (render.status_html(True, f"{n} article{'s' if n != 1 else ''}, {chunks} chunks"), render.corpus_html(rows),
            gr.Timer(active=False))


def _texts(backend: Backend, answer) -> dict[str, str]:
    out = {}
    for c in answer.citations:
        if c.doc_id not in out:
            t = backend.engine.article_text(c.doc_id)
            if t is not None:
                out[c.doc_id] = t
    return out


def make_respond(backend: Backend):
    def respond(message: str, mode: str, messages: list[dict], asked: list[str]):
        """Stream one turn: the user's message, a pending bubble, the answer text, then its sources."""
        text = (message or "").strip()
        if not text:
            yield messages, messages, "", asked
            return
        mode = mode if mode in {"ask", "check"} else "ask"
        msg_id = uuid.uuid4().hex[:12]
        user = render.claim_user_html(text) if mode == "check" else render.user_html(text)
        messages = [*messages, {"role": "user", "content": user},
                    {"role": "assistant", "content": render.pending_html(
                        "Checking the claim against the articles…" if mode == "check" else "Searching the articles…")}]
        yield messages, messages, "", asked
        if not backend.ready.is_set():
            messages[-1] = {"role": "assistant", "content": render.pending_html(
                "Getting ready — loading the models (only the first time)…")}
            yield messages, messages, "", asked
            backend.ready.wait(READY_TIMEOUT_S)
        streamed = False
        try:
            if mode == "check":
                answer = backend.engine.check(text)
            else:  # with an LLM writer each verified sentence arrives as it is written
                for n_seen, answer in enumerate(backend.engine.ask_stream(text, history=list(asked))):
                    if n_seen:  # a later, longer version: show what is verified so far
                        streamed = True
                        messages[-1] = {"role": "assistant",
                                        "content": render.partial_html(answer, len(answer.answer), msg_id)}
                        yield messages, messages, "", asked
            texts = _texts(backend, answer)
        except FactqaIndexError as exc:
            messages[-1] = {"role": "assistant", "content": render.error_html(str(exc))}
            yield messages, messages, "", asked
            return
        except Exception:  # noqa: BLE001 - never show a traceback in the chat
            log.exception("answering %r failed", text)
            messages[-1] = {"role": "assistant", "content": render.error_html(
                "Something went wrong while answering; the details are in the server log.")}
            yield messages, messages, "", asked
            return
        if mode == "ask" and answer.answerable and not streamed:  # reveal the extractive answer
            n = len(answer.answer)
            for k in range(1, STREAM_STEPS):
                partial = render.partial_html(answer, n * k // STREAM_STEPS, msg_id)
                messages[-1] = {"role": "assistant", "content": partial}
                yield messages, messages, "", asked
                time.sleep(0.03)
        messages[-1] = {"role": "assistant", "content": render.answer_html(answer, texts, msg_id)}
        if mode == "ask":
            asked = [*asked, text]
        yield messages, messages, "", asked

    return respond


def make_upload(backend: Backend):
    def upload(files: list[str] | None, progress=gr.Progress()):
        """Index the uploaded files into the store (incrementally); say what was added or rejected."""
        from index.build import update_store

        files = [f for f in (files or []) if f]
        if not files:
            return gr.skip(), gr.skip(), gr.skip(), None
        progress(0.05, desc=f"Reading {len(files)} file{'s' if len(files) != 1 else ''}…")
        tmp = Path(tempfile.mkdtemp(prefix="factqa-upload-"))
        try:
            paths = []
            for f in files:  # a private copy under its own name: the name is the article id
                dst = tmp / Path(f).name
                shutil.copyfile(f, dst)
                paths.append(dst)
            progress(0.2, desc=f"Indexing {len(paths)} file{'s' if len(paths) != 1 else ''} (embedding new text)…")
            try:
                report = update_store(backend.store_path, paths, mode="add", progress=False,
                                      on_progress=lambda f, m: progress(0.2 + 0.75 * f, desc=m[:1].upper() + m[1:] + "…"))
            except FactqaIndexError as exc:
                return render.upload_html([], [], [], [], [str(exc)], [], {}), gr.skip(), gr.skip(), None
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        progress(0.95, desc="Refreshing the article list…")
        prefix = str(tmp) + os.sep
        clean = [line.replace(prefix, "") for line in report.errors]
        warns = [line.replace(prefix, "") for line in report.warnings]
        backend.error = None
        try:
            articles = backend.engine.store.articles
        except FactqaIndexError as exc:
            return render.upload_html([], [], [], [], [*clean, str(exc)], warns, {}), gr.skip(), gr.skip(), None
        if report.added or report.updated:  # the new articles' words, off the request thread
            threading.Thread(target=backend.preload_vocabulary, name="factqa-vocab", daemon=True).start()
        titles = {i: articles[i].title for i in [*report.added, *report.updated] if i in articles}
        msg = render.upload_html(report.added, report.updated, report.unchanged, report.duplicates, clean, warns,
                                 titles)
        status, corpus, _ = _status(backend)
        return msg, status, corpus, None

    return upload


def make_api(backend: Backend):
    def ask(question: str, history: list[str] | None = None) -> dict:
        """Answer a question from the indexed articles; `history` holds the previous questions of the chat."""
        backend.ready.wait(READY_TIMEOUT_S)
        try:
            return backend.engine.ask(question, history=list(history or [])).to_dict()
        except FactqaIndexError as exc:
            raise gr.Error(str(exc)) from exc

    def check(claim: str) -> dict:
        """Check a claim: verdict (supported, refuted, conflicting, not_enough_evidence) and evidence."""
        backend.ready.wait(READY_TIMEOUT_S)
        try:
            return backend.engine.check(claim).to_dict()
        except FactqaIndexError as exc:
            raise gr.Error(str(exc)) from exc

    return ask, check


def build_app(store_path: str | Path) -> gr.Blocks:
    """The Blocks app over the store at ``store_path``; models load in the background."""
    backend = Backend(store_path).start()
    respond = make_respond(backend)
    api_ask, api_check = make_api(backend)

    with gr.Blocks(title="factqa · check the news against its sources", analytics_enabled=False) as demo:
        messages = gr.State([])
        asked = gr.State([])
        with gr.Row(elem_classes="fq-header", equal_height=True):
            gr.HTML('<div class="fq-brand"><span class="fq-logo">fq</span><div><div class="fq-name">factqa</div>'
                    '<div class="fq-tag">Answers and claim checks from your news articles — every claim linked '
                    "to the sentence it comes from.</div></div></div>", scale=3)
            status = gr.HTML(render.status_html(False), elem_classes="fq-status-wrap", scale=1, min_width=300)
        with gr.Row(equal_height=False, elem_classes="fq-main"):
            with gr.Column(scale=7, min_width=420):
                chatbot = gr.Chatbot(
                    value=[], show_label=False, elem_id="fq-chat", height="calc(100vh - 270px)", min_height=420,
                    layout="panel", sanitize_html=True, render_markdown=True, latex_delimiters=[], line_breaks=False,
                    allow_tags=False, feedback_options=None, buttons=["copy_all"], autoscroll=True,
                    group_consecutive_messages=False,
                    examples=[{"text": t, "display_text": ("Check: " if m == "check" else "") + t}
                              for m, t in EXAMPLES],
                    placeholder="<div class='fq-empty-chat'><b>Ask the articles</b><br>Every answer cites the exact "
                                "sentence it comes from. Pick an example or type below.</div>",
                )
                with gr.Group(elem_classes="fq-composer"):
                    with gr.Row(elem_classes="fq-toolrow"):
                        mode = gr.Radio(MODES, value="ask", show_label=False, container=False, elem_id="fq-mode",
                                        scale=4)
                        clear = gr.Button("New conversation", size="sm", variant="secondary", elem_id="fq-clear",
                                          scale=0, min_width=150)
                    with gr.Row(elem_classes="fq-inputrow"):
                        box = gr.Textbox(placeholder=PLACEHOLDERS["ask"], show_label=False, container=False,
                                         lines=1, max_lines=4, scale=8, elem_id="fq-input", autofocus=True)
                        send = gr.Button("Send", variant="primary", scale=0, min_width=96, elem_id="fq-send")
            with gr.Column(scale=3, min_width=280, elem_classes="fq-side"):
                gr.HTML('<div class="fq-side-h">Indexed articles</div>')
                corpus = gr.HTML(render.corpus_html([]), elem_id="fq-corpus")
                gr.HTML('<div class="fq-side-h">Add articles</div><div class="fq-side-note">.txt, .md, .html or '
                        ".jsonl · up to 10 MB per article · indexed at once</div>")
                files = gr.File(file_count="multiple", file_types=UPLOAD_TYPES, show_label=False,
                                elem_id="fq-upload", height=120)
                upload_msg = gr.HTML("", elem_id="fq-upload-msg")

        timer = gr.Timer(1.0)
        timer.tick(lambda: _status(backend), None, [status, corpus, timer], api_visibility="private",
                   show_progress="hidden")
        demo.load(lambda: _status(backend), None, [status, corpus, timer], api_visibility="private",
                  show_progress="hidden")

        turn = dict(fn=respond, inputs=[box, mode, messages, asked], outputs=[chatbot, messages, box, asked],
                    api_visibility="private", show_progress="hidden")
        box.submit(**turn).then(None, js=SHOW_LATEST)
        send.click(**turn).then(None, js=SHOW_LATEST)

        def pick_example(evt: gr.SelectData):
            m, t = EXAMPLES[evt.index] if isinstance(evt.index, int) and evt.index < len(EXAMPLES) else ("ask", "")
            return gr.Textbox(value=t, placeholder=PLACEHOLDERS[m]), m

        chatbot.example_select(pick_example, None, [box, mode], api_visibility="private",
                               show_progress="hidden").then(**turn).then(None, js=SHOW_LATEST)
        mode.change(lambda m: gr.Textbox(placeholder=PLACEHOLDERS.get(m, PLACEHOLDERS["ask"])), mode, box,
                    api_visibility="private", show_progress="hidden")
        clear.click(lambda: ([], [], [], ""), None, [chatbot, messages, asked, box], api_visibility="private")
        files.upload(make_upload(backend), files, [upload_msg, status, corpus, files], api_visibility="private")

        gr.api(api_ask, api_name="ask")
        gr.api(api_check, api_name="check")
    demo.factqa_backend = backend  # type: ignore[attr-defined]  # for tests and the CLI
    return demo


def launch(demo: gr.Blocks, host: str = "127.0.0.1", port: int = 7860, *, prevent_thread_lock: bool = False,
           quiet: bool = False):
    """Queue and serve ``demo`` with the product theme (Gradio 6 takes css/theme/head in ``launch``)."""
    demo.queue(default_concurrency_limit=2)
    return demo.launch(
        server_name=host, server_port=port, prevent_thread_lock=prevent_thread_lock, quiet=quiet,
        css=CSS, theme=theme(), head=HEAD, show_error=False, ssr_mode=False, footer_links=["api"],
        max_file_size=MAX_UPLOAD, mcp_server=False, pwa=False,
    )
