"""The web UI: a chat that answers or checks claims with clickable, highlighted sources.

Thin by design: every answer comes from ``qa.engine.Engine``; the HTML comes from ``ui.render``.
One ``Engine`` is shared (read-only, thread-safe) by all sessions; everything that belongs to a
conversation (its messages, its previous questions) lives in per-session ``gr.State``.
"""
from __future__ import annotations

import hashlib
import logging
import os
import shutil
import tempfile
import threading
import uuid
from dataclasses import replace
from pathlib import Path
from typing import Any

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
from index.offline import set_defaults  # noqa: E402

set_defaults()  # before gradio (and through it, huggingface_hub) loads

import gradio as gr  # noqa: E402

from index.errors import FactqaIndexError  # noqa: E402
from qa.errors import BadQuestionError  # noqa: E402
from qa.followup import FollowUpKind, resolve  # noqa: E402
from qa.question import normalize_question  # noqa: E402
from qa.types import Progress  # noqa: E402
from ui import conversation as convo  # noqa: E402
from ui import reader, render  # noqa: E402
from ui.examples import ChatExamples  # noqa: E402
from ui.style import CSS, HEAD, READER_JS, theme  # noqa: E402

log = logging.getLogger(__name__)

MODES = [("Ask a question", "ask"), ("Check a claim", "check")]
UPLOAD_TYPES = [".txt", ".md", ".html", ".htm", ".jsonl"]
MAX_UPLOAD = "520mb"  # per-article limits (10 MB; .jsonl 512 MB) are enforced by the loader
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
            from qa.nlp import pipeline

            pipeline()  # the parser that reads follow-ups
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


def _article_text(backend: Backend):
    def text(doc_id: str) -> str | None:
        try:
            return backend.engine.article_text(doc_id)
        except FactqaIndexError:
            return None
    return text


def make_respond(backend: Backend):
    def respond(message: str, mode: str, messages: list[dict], stored: dict):
        """One turn, with honest stages: the question is validated first (a bad one is refused in one line
        under the box, never echoed), then echoed with "Searching the articles…", then the answer."""
        text = (message or "").strip()
        if not text:
            yield gr.skip(), gr.skip(), gr.skip(), gr.skip(), ""
            return
        try:
            text = normalize_question(text)
        except BadQuestionError as exc:  # too long, no words: say so and keep the text in the box
            yield gr.skip(), gr.skip(), gr.skip(), gr.skip(), render.note_html(str(exc))
            return
        kind = convo.Kind.CHECK if mode == "check" else convo.Kind.ASK
        entries = convo.load(stored)
        msg_id = uuid.uuid4().hex[:12]
        stage = "Checking the claim: searching the articles…" if kind is convo.Kind.CHECK else "Searching the articles…"
        messages = [*messages, convo.user_message(kind, text),
                    {"role": "assistant", "content": render.pending_html(stage)}]
        yield messages, messages, "", gr.skip(), ""
        if not backend.ready.is_set():
            messages[-1] = {"role": "assistant", "content": render.pending_html(
                "Getting ready — loading the models (only the first time)…")}
            yield messages, messages, "", gr.skip(), ""
            backend.ready.wait(READY_TIMEOUT_S)
        try:
            entry = None
            if kind is convo.Kind.CHECK:
                entry = convo.Entry(msg_id, kind, text, answer=backend.engine.check(text))
            else:
                fu = resolve(text, convo.turns(entries))
                if fu.kind is FollowUpKind.NEEDS_REFERENT:
                    entry = convo.Entry(msg_id, convo.Kind.ASK_BACK, text, message=fu.ask_back)
                else:
                    answer, n_seen = None, 0
                    for item in backend.engine.ask_stages(fu.query):
                        if isinstance(item, Progress):  # the engine's real stages, as they happen
                            messages[-1] = {"role": "assistant", "content": render.pending_html(render.stage_text(item))}
                        else:
                            answer, n_seen = item, n_seen + 1
                            if n_seen == 1:
                                continue
                            # an LLM writer: each verified sentence as it is written
                            messages[-1] = {"role": "assistant",
                                            "content": render.partial_html(answer, len(answer.answer), msg_id)}
                        yield messages, messages, "", gr.skip(), ""
                    assert answer is not None
                    rewritten = fu.kind is FollowUpKind.REWRITTEN
                    answer = replace(answer, question=text, query=fu.query if rewritten else None)
                    entry = convo.Entry(msg_id, kind, text, answer=answer, about=fu.turn if rewritten else None)
        except FactqaIndexError as exc:
            entry = convo.Entry(msg_id, convo.Kind.ERROR, text, message=str(exc))
        except Exception:  # noqa: BLE001 - never show a traceback in the chat
            log.exception("answering %r failed", text)
            entry = convo.Entry(msg_id, convo.Kind.ERROR, text,
                                message="Something went wrong while answering; the details are in the server log.")
        messages[-1] = {"role": "assistant", "content": convo.bot_html(entry, _article_text(backend))}
        yield messages, messages, "", convo.dump([*entries, entry]), ""

    return respond


def make_restore(backend: Backend):
    def restore(stored: dict):
        """The conversation kept in this browser, rendered again (after a reload)."""
        entries = convo.load(stored)
        msgs = convo.messages(entries, _article_text(backend))
        return msgs, msgs

    return restore


def make_reader(backend: Backend):
    def read_article(args: list) -> str:
        """The reader's server function; the page calls ``server.read_article(doc_id, at, marks)`` and
        Gradio hands over the arguments as one list. Untrusted: anything malformed is ignored."""
        doc_id, at, marks = (list(args) + [None, None, None])[:3] if isinstance(args, list) else (None, None, None)
        try:
            art = backend.engine.store.articles.get(str(doc_id))
        except FactqaIndexError:
            art = None
        if art is None:
            return reader.missing_html(str(doc_id))
        return reader.article_html(art.id, art.title, art.text, outlet=art.outlet, date=art.date,
                                   marks=marks if isinstance(marks, list) else [],
                                   at=at if isinstance(at, list) and len(at) == 2 else None)

    return read_article


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
            history = [str(h) for h in (history or [])]
            fu = resolve(normalize_question(question), [])
            if not history and fu.kind is FollowUpKind.NEEDS_REFERENT:  # "who said that?" with no conversation
                raise gr.Error(fu.ask_back)
            return backend.engine.ask(question, history=history).to_dict()
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


def _secret(store_path: str | Path) -> str:
    """BrowserState's encryption key: stable across restarts of the same store, so a saved conversation
    survives a server restart. It only obscures the reader's own chat in their own browser."""
    return hashlib.sha256(f"factqa:{Path(store_path).resolve()}".encode()).hexdigest()[:32]


def build_app(store_path: str | Path) -> gr.Blocks:
    """The Blocks app over the store at ``store_path``; models load in the background. The example
    chips and placeholders are the store's own (``ui.examples``), read once here."""
    backend = Backend(store_path).start()
    examples = ChatExamples.of_store(store_path)
    respond = make_respond(backend)
    api_ask, api_check = make_api(backend)

    with gr.Blocks(title="factqa · check the news against its sources", analytics_enabled=False) as demo:
        messages = gr.State([])
        # The conversation survives reloads in this browser's localStorage; "New conversation" clears it.
        stored = gr.BrowserState(convo.empty(), storage_key="factqa-conversation", secret=_secret(store_path))
        with gr.Row(elem_classes="fq-header", equal_height=True):
            gr.HTML('<div class="fq-brand"><span class="fq-logo">fq</span><div><div class="fq-name">factqa</div>'
                    '<div class="fq-tag">Answers and claim checks from your news articles — every claim linked '
                    "to the sentence it comes from.</div></div></div>", scale=3, min_width=0)
            status = gr.HTML(render.status_html(False), elem_classes="fq-status-wrap", scale=1, min_width=0)
        with gr.Row(equal_height=False, elem_classes="fq-main"):
            with gr.Column(scale=7, min_width=0, elem_classes="fq-chatcol"):
                chatbot = gr.Chatbot(
                    value=[], show_label=False, elem_id="fq-chat", height="calc(100vh - 270px)", min_height=420,
                    layout="panel", sanitize_html=True, render_markdown=True, latex_delimiters=[], line_breaks=False,
                    allow_tags=False, feedback_options=None, buttons=["copy_all"], autoscroll=True,
                    group_consecutive_messages=False,
                    examples=examples.chips(),
                    placeholder="<div class='fq-empty-chat'><b>Ask the articles</b><br>Every answer cites the exact "
                                "sentence it comes from; click a source's title to read the whole article. "
                                "The conversation is kept in this browser until you start a new one.</div>",
                )
                with gr.Group(elem_classes="fq-composer"):
                    with gr.Row(elem_classes="fq-toolrow"):
                        mode = gr.Radio(MODES, value="ask", show_label=False, container=False, elem_id="fq-mode",
                                        scale=4, min_width=0)
                        clear = gr.Button("New conversation", size="sm", variant="secondary", elem_id="fq-clear",
                                          scale=0, min_width=0)
                    with gr.Row(elem_classes="fq-inputrow"):
                        box = gr.Textbox(placeholder=examples.placeholder("ask"), show_label=False, container=False,
                                         lines=1, max_lines=4, scale=8, min_width=0, elem_id="fq-input",
                                         autofocus=True)
                        send = gr.Button("Send", variant="primary", scale=0, min_width=0, elem_id="fq-send")
                    note = gr.HTML("", elem_id="fq-note", container=False)
            with gr.Column(scale=3, min_width=0, elem_classes="fq-side"):
                gr.HTML('<div class="fq-side-h">Indexed articles</div><div class="fq-side-note">Click a title to '
                        "read the article.</div>")
                corpus = gr.HTML(render.corpus_html([]), elem_id="fq-corpus")
                gr.HTML('<div class="fq-side-h">Add articles</div><div class="fq-side-note">.txt, .md, .html or '
                        ".jsonl · up to 10 MB per article · indexed at once</div>")
                files = gr.File(file_count="multiple", file_types=UPLOAD_TYPES, show_label=False,
                                elem_id="fq-upload", height=120)
                upload_msg = gr.HTML("", elem_id="fq-upload-msg", min_height=0)
        gr.HTML("", elem_id="fq-reader-wrap", container=False, js_on_load=READER_JS,
                server_functions=[make_reader(backend)])

        timer = gr.Timer(1.0)
        timer.tick(lambda: _status(backend), None, [status, corpus, timer], api_visibility="private",
                   show_progress="hidden")
        demo.load(lambda: _status(backend), None, [status, corpus, timer], api_visibility="private",
                  show_progress="hidden")
        demo.load(make_restore(backend), stored, [chatbot, messages], api_visibility="private",
                  show_progress="hidden").then(None, js=SHOW_LATEST)

        turn = dict(fn=respond, inputs=[box, mode, messages, stored], outputs=[chatbot, messages, box, stored, note],
                    api_visibility="private", show_progress="hidden")
        box.submit(**turn).then(None, js=SHOW_LATEST)
        send.click(**turn).then(None, js=SHOW_LATEST)

        def pick_example(evt: gr.SelectData):
            m, t = examples.pick(evt.index)
            return gr.Textbox(value=t, placeholder=examples.placeholder(m)), m

        chatbot.example_select(pick_example, None, [box, mode], api_visibility="private",
                               show_progress="hidden").then(**turn).then(None, js=SHOW_LATEST)
        mode.change(lambda m: gr.Textbox(placeholder=examples.placeholder(m)), mode, box,
                    api_visibility="private", show_progress="hidden")
        clear.click(lambda: ([], [], convo.empty(), "", ""), None, [chatbot, messages, stored, box, note],
                    api_visibility="private", show_progress="hidden")
        # One progress bar, on the upload report only (not on the status pill, the list and the drop zone).
        files.upload(make_upload(backend), files, [upload_msg, status, corpus, files], api_visibility="private",
                     show_progress_on=[upload_msg])

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
