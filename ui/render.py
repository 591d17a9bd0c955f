"""Pure presentation: an ``Answer`` (plus the cited articles' text) becomes chat-ready HTML.

Everything that comes from an article, a question or an upload is untrusted. It goes through
:func:`esc`, which HTML-escapes it *and* turns Markdown/LaTeX punctuation into character
references, so neither the browser nor the chat's Markdown renderer can turn it into markup,
a link or a formula. The HTML produced here never contains a newline: the chat renders each
message as one raw HTML block, and Markdown is never applied inside it.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from urllib.parse import quote

from qa.followup import Turn
from qa.types import Answer, Citation, Figure

VERDICT_LABELS = {
    "supported": "Supported",
    "refuted": "Refuted",
    "conflicting": "Conflicting",
    "not_enough_evidence": "Not enough evidence",
}
VERDICT_ICONS = {"supported": "✓", "refuted": "✕", "conflicting": "⇄", "not_enough_evidence": "?"}
STANCE_LABELS = {"supports": "Supports", "refutes": "Refutes", "neutral": "Context"}
KIND_LABELS = {"count": "count", "estimate": "estimate", "projection": "projection", "plan": "plan", "other": "other"}
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
NOT_ANSWERED = "The articles don't say"  # the heading of a refusal (decided by ``answerable``, never parsed)
MAX_CONTEXT_CHARS = 700  # a longer paragraph is trimmed around the quote

_MD_CHARS = {c: f"&#{ord(c)};" for c in "[]()*_`~#|$\\!{}<>&\"'"}
_MD_RE = re.compile("[" + re.escape("".join(_MD_CHARS)) + "]")
_MARKER = re.compile(r"\[(\d{1,3})\]")
_MSG_ID = re.compile(r"[A-Za-z0-9_-]{1,40}")


def esc(text: object) -> str:
    """HTML-escape ``text`` and neutralise Markdown/LaTeX syntax; newlines become spaces."""
    s = "" if text is None else str(text)
    s = _MD_RE.sub(lambda m: _MD_CHARS[m.group(0)], s)
    return re.sub(r"\s*\n\s*", " ", s)


def anchor(msg_id: str, n: int) -> str:
    """Element id of citation ``n`` of message ``msg_id`` (also the ``href`` target of its markers)."""
    if not _MSG_ID.fullmatch(msg_id):
        raise ValueError(f"msg_id must be 1-40 letters, digits, '-' or '_'. Currently, msg_id is {msg_id!r}")
    return f"cite-{msg_id}-{int(n)}"


def month(date: str | None) -> str | None:
    """'2024-11' or '2024-11-05' -> 'Nov 2024'; a year stays a year; anything else is shown as given."""
    if not date:
        return None
    m = re.match(r"^(\d{4})(?:-(\d{1,2}))?", str(date).strip())
    if not m:
        return str(date)
    if m.group(2) and 1 <= int(m.group(2)) <= 12:
        return f"{MONTHS[int(m.group(2)) - 1]} {m.group(1)}"
    return m.group(1)


def _ref(msg_id: str, n: int, title: str | None = None) -> str:
    a = anchor(msg_id, n)
    tip = f' title="{esc(title)}"' if title else ""
    return f'<a class="fq-ref" href="#{a}"{tip}>{n}</a>'


def linkify(text: str, msg_id: str, citations: Iterable[Citation]) -> str:
    """Escape ``text`` and turn each ``[n]`` of a known citation into a link to its card."""
    by_n = {c.n: c for c in citations}
    out: list[str] = []
    pos = 0
    for m in _MARKER.finditer(text):
        out.append(esc(text[pos:m.start()]))
        n = int(m.group(1))
        out.append(_ref(msg_id, n, by_n[n].title) if n in by_n else esc(m.group(0)))
        pos = m.end()
    out.append(esc(text[pos:]))
    return "".join(out)


def _trim(text: str, left: bool, limit: int) -> str:
    """Keep about ``limit`` characters of context next to the quote, cut at a word boundary."""
    if len(text) <= limit:
        return text
    if left:
        cut = text[-limit:]
        sp = cut.find(" ")
        return "… " + (cut[sp + 1:] if 0 <= sp < 40 else cut)
    cut = text[:limit]
    sp = cut.rfind(" ")
    return (cut[:sp] if sp > limit - 40 else cut) + " …"


def passage(article_text: str | None, c: Citation, limit: int = MAX_CONTEXT_CHARS) -> str:
    """The paragraph around citation ``c`` with the quoted span inside ``<mark>``.

    Falls back to the quote alone when the article text is missing or does not hold the quote
    at ``start:end`` (a stale or foreign citation is never passed off as exact).
    """
    text = article_text or ""
    if not (0 <= c.start < c.end <= len(text)) or text[c.start:c.end] != c.quote:
        return f'<mark>{esc(c.quote)}</mark>'
    p0 = text.rfind("\n\n", 0, c.start)
    p0 = 0 if p0 < 0 else p0 + 2
    p1 = text.find("\n\n", c.end)
    p1 = len(text) if p1 < 0 else p1
    room = max(0, limit - (c.end - c.start)) // 2
    before = _trim(text[p0:c.start], True, room).lstrip()
    after = _trim(text[c.end:p1], False, room).rstrip()
    return f"{esc(before)}<mark>{esc(c.quote)}</mark>{esc(after)}"


def source_meta(c: Citation) -> str:
    bits = [b for b in (c.outlet, month(c.date)) if b]
    return " · ".join(esc(b) for b in bits)


def read_href(doc_id: str, at: tuple[int, int] | None = None, marks: Iterable[tuple[int, int]] = ()) -> str:
    """The link that opens ``doc_id`` in the article reader (``ui.reader``), scrolled to the span ``at``,
    with ``marks`` marked: ``#read=<doc>&at=<s>-<e>&marks=<s>-<e>,...`` (offsets only, checked on use)."""
    href = "#read=" + quote(doc_id, safe="")
    if at is not None:
        href += f"&at={int(at[0])}-{int(at[1])}"
    spans = sorted({(int(s), int(e)) for s, e in marks})
    if spans:
        href += "&marks=" + ",".join(f"{s}-{e}" for s, e in spans)
    return href


def citation_card(c: Citation, msg_id: str, article_text: str | None, show_stance: bool = False,
                  siblings: Iterable[Citation] = ()) -> str:
    """One source card; its title opens the whole article with this sentence (and the answer's other
    sentences of that article, ``siblings``) marked."""
    a = anchor(msg_id, c.n)
    href = read_href(c.doc_id, (c.start, c.end), [(o.start, o.end) for o in (c, *siblings) if o.doc_id == c.doc_id])
    meta = source_meta(c)
    stance = ""
    if show_stance and c.stance:
        label = esc(STANCE_LABELS.get(c.stance, c.stance))
        stance = f'<span class="fq-stance fq-stance-{esc(c.stance)}">{label}</span>'
    reason = f'<div class="fq-reason">{esc(c.reason)}</div>' if show_stance and c.reason else ""
    return (
        f'<div class="fq-card" id="{a}">'
        f'<div class="fq-card-head"><a class="fq-n" href="#{a}">{c.n}</a>'
        f'<a class="fq-title fq-open" href="{esc(href)}" title="{esc(c.doc_id)}">{esc(c.title)}</a>{stance}</div>'
        + (f'<div class="fq-meta">{meta}</div>' if meta else "")
        + f'<blockquote class="fq-passage">{passage(article_text, c)}</blockquote>{reason}</div>'
    )


def _kind(f: Figure) -> str:
    k = esc(KIND_LABELS.get(f.kind, f.kind))
    if f.hedge:
        k += f' <span class="fq-hedge">“{esc(f.hedge)}”</span>'
    return f'<span class="fq-kind fq-kind-{esc(f.kind)}">{k}</span>'


def figures_table(figures: Iterable[Figure], citations: Iterable[Citation], msg_id: str) -> str:
    """A small table (figure, who said it, kind, source); empty for fewer than two figures."""
    figs = list(figures)
    if len(figs) < 2:
        return ""
    by_n = {c.n: c for c in citations}
    rows = []
    for f in figs:
        c = by_n.get(f.citation)
        src = "—"
        if c is not None:
            outlet = f' <span class="fq-muted">{esc(c.outlet)}</span>' if c.outlet else ""
            src = _ref(msg_id, c.n, c.title) + outlet
        cells = (("Figure", esc(f.value)), ("Who said it", esc(f.speaker) if f.speaker else "—"), ("Kind", _kind(f)),
                 ("Source", src))
        rows.append("<tr>" + "".join(f'<td class="fq-td-{i}"><span class="fq-td-label">{label}</span>{v}</td>'
                                     for i, (label, v) in enumerate(cells)) + "</tr>")
    return (
        '<div class="fq-figures"><div class="fq-section">Figures in the sources</div><table class="fq-table">'
        "<thead><tr><th>Figure</th><th>Who said it</th><th>Kind</th><th>Source</th></tr></thead>"
        f'<tbody>{"".join(rows)}</tbody></table></div>'
    )


def verdict_badge(verdict: str | None) -> str:
    v = verdict if verdict in VERDICT_LABELS else "not_enough_evidence"
    return (f'<span class="fq-badge fq-v-{v}">'
            f'<span class="fq-badge-icon">{VERDICT_ICONS[v]}</span>{VERDICT_LABELS[v]}</span>')


def _sources(title: str, cites: list[Citation], msg_id: str, texts: Mapping[str, str], stance: bool) -> str:
    if not cites:
        return ""
    cards = "".join(citation_card(c, msg_id, texts.get(c.doc_id), show_stance=stance, siblings=cites) for c in cites)
    return f'<div class="fq-sources"><div class="fq-section">{esc(title)}</div>{cards}</div>'


def _query_note(a: Answer, about: Turn | None = None) -> str:
    """The follow-up as it was searched, and the earlier answer it was read against."""
    if not a.query or a.query.strip().casefold() == a.question.strip().casefold():
        return ""
    ref = ""
    if about is not None and about.figure:
        src = " · ".join(b for b in (about.speaker, about.outlet, month(about.date)) if b)
        ref = (f' <span class="fq-query-about">(about {esc(about.figure)}'
               f'{", " + esc(src) if src else ""})</span>')
    return (f'<div class="fq-query"><span class="fq-query-label">Read as a follow-up{ref}:</span> '
            f'<span class="fq-query-text">{esc(a.query)}</span></div>')


def _ms(ms: float) -> str:
    return f"{ms:.0f} ms" if ms < 1000 else f"{ms / 1000:.1f} s"


def _footer(a: Answer) -> str:
    """What was done, with the engine's own timings: searched, read, written (LLM), total."""
    t = a.timings_ms or {}
    n, docs = len(a.citations), len(a.retrieved)
    bits = []
    if docs:
        bits.append(f"searched {docs} article{'s' if docs != 1 else ''}"
                    + (f" ({_ms(t['retrieve'])})" if "retrieve" in t else ""))
    bits.append(f"cited {n} passage{'s' if n != 1 else ''}" + (f" ({_ms(t['answer'])})" if "answer" in t else ""))
    if "llm" in t:
        bits.append(f"written by the LLM ({_ms(t['llm'])})")
    if "total" in t:
        bits.append(f"total {_ms(t['total'])}")
    return f'<div class="fq-foot">{esc(" · ".join(bits))}</div>'


def _refusal(a: Answer, msg_id: str, cites: list[Citation]) -> str:
    """Why the question is not answered: from the typed refusal (code + message rendered by qa) when the
    Answer carries one (``Answer.refusal``, added on the core branch), else the answer text as given."""
    refusal = getattr(a, "refusal", None)
    if isinstance(refusal, Mapping) and refusal.get("message"):
        msg = str(refusal["message"])
        return (f'<div class="fq-notice-title">{esc(NOT_ANSWERED)}</div>'
                f'<div class="fq-notice-text fq-refusal-{re.sub(r"[^a-z0-9]+", "-", str(refusal.get("code", "")))}">'
                f'{esc(msg[:1].upper() + msg[1:])}.</div>')
    return f'<div class="fq-notice-text">{linkify(a.answer, msg_id, cites)}</div>'


def ask_html(a: Answer, texts: Mapping[str, str], msg_id: str, about: Turn | None = None) -> str:
    """An answer with linked ``[n]`` markers, figures, the rewritten query and the cited passages.
    ``answerable`` (not the answer's wording) decides between an answer and a notice."""
    cites = list(a.citations)
    if not a.answerable:
        body = f'<div class="fq-notice">{_refusal(a, msg_id, cites)}</div>'
        return (f'<div class="fq-msg fq-ask fq-unanswerable">{body}{_query_note(a, about)}'
                f'{_sources("Closest passages", cites, msg_id, texts, False)}</div>')
    return (
        f'<div class="fq-msg fq-ask">'
        f'<div class="fq-answer">{linkify(a.answer, msg_id, cites)}</div>{_query_note(a, about)}'
        f'{figures_table(a.figures, cites, msg_id)}{_sources("Sources", cites, msg_id, texts, False)}{_footer(a)}</div>'
    )


def check_html(a: Answer, texts: Mapping[str, str], msg_id: str) -> str:
    """A verdict badge with its reason, then the evidence for, against and around the claim."""
    cites = list(a.citations)
    groups = (("Evidence for", "supports"), ("Evidence against", "refutes"), ("Related context", None))
    sections = []
    for title, stance in groups:
        group = [c for c in cites if (c.stance == stance if stance else c.stance not in {"supports", "refutes"})]
        sections.append(_sources(title, group, msg_id, texts, True))
    reason = a.reason or a.answer
    return (
        f'<div class="fq-msg fq-check"><div class="fq-verdict">'
        f'{verdict_badge(a.verdict)}<span class="fq-verdict-reason">{linkify(reason, msg_id, cites)}</span></div>'
        f'{"".join(sections)}{_footer(a)}</div>'
    )


def answer_html(a: Answer, texts: Mapping[str, str], msg_id: str, about: Turn | None = None) -> str:
    return check_html(a, texts, msg_id) if a.mode == "check" else ask_html(a, texts, msg_id, about)


def partial_html(a: Answer, shown_chars: int, msg_id: str) -> str:
    """The answer text revealed up to ``shown_chars`` (used to stream it in), markers linked."""
    if a.mode == "check":
        return f'<div class="fq-msg fq-check"><div class="fq-verdict">{verdict_badge(a.verdict)}</div></div>'
    text = a.answer[:shown_chars]
    cut = text.rfind("[")
    if cut >= 0 and "]" not in text[cut:]:
        text = text[:cut]  # never show half a marker
    return (f'<div class="fq-msg fq-ask"><div class="fq-answer">'
            f'{linkify(text, msg_id, a.citations)}<span class="fq-caret"></span></div></div>')


def stage_text(progress) -> str:
    """The words for one of the engine's stages (``qa.types.Progress``)."""
    from qa.types import Stage

    if progress.stage is Stage.SEARCHING:
        return "Searching the articles…"
    if progress.stage is Stage.READING:
        n = progress.passages or 0
        return f"Reading {n} passage{'s' if n != 1 else ''}…"
    return "Writing the answer from the cited passages…"


def pending_html(text: str) -> str:
    """The stage the answer is at ("Searching the articles…"), while it is at it."""
    return f'<div class="fq-msg fq-pending"><span class="fq-dots"><i></i><i></i><i></i></span>{esc(text)}</div>'


def ask_back_html(question: str) -> str:
    """A question back to the user (a follow-up with nothing to refer to): information, not an error."""
    return (f'<div class="fq-msg fq-askback"><div class="fq-notice fq-notice-ask"><div class="fq-notice-text">'
            f'{esc(question)}</div></div></div>')


def error_html(message: str) -> str:
    """A user-facing problem (bad input, missing store): a calm notice, never a traceback."""
    return (f'<div class="fq-msg"><div class="fq-notice fq-notice-warn"><div class="fq-notice-title">'
            f'Can\'t answer that</div><div class="fq-notice-text">{esc(message)}</div></div></div>')


def user_html(text: str) -> str:
    return f'<span class="fq-user">{esc(text)}</span>'


def claim_user_html(text: str) -> str:
    return f'<span class="fq-user"><span class="fq-user-tag">Check</span>{esc(text)}</span>'


def corpus_html(rows: Iterable[Mapping[str, object]]) -> str:
    """The indexed articles: title, outlet, month and number of chunks, newest first."""
    items = sorted(rows, key=lambda r: (str(r.get("date") or ""), str(r.get("title") or "")), reverse=True)
    if not items:
        return ('<div class="fq-corpus fq-empty">No articles indexed yet. Add .txt, .md, .html or .jsonl '
                "files below.</div>")
    total = sum(int(r.get("chunks") or 0) for r in items)
    lis = []
    for r in items:
        meta = " · ".join(esc(b) for b in (r.get("outlet"), month(r.get("date"))) if b)  # type: ignore[arg-type]
        n = int(r.get("chunks") or 0)
        lis.append(
            f'<li class="fq-doc" title="{esc(r.get("id"))}"><a class="fq-doc-title fq-open" '
            f'href="{esc(read_href(str(r.get("id"))))}">{esc(r.get("title"))}</a>'
            f'<div class="fq-doc-meta">{meta}{" · " if meta else ""}{n} chunk{"s" if n != 1 else ""}</div></li>'
        )
    return (f'<div class="fq-corpus"><div class="fq-corpus-head">{len(items)} article{"s" if len(items) != 1 else ""}'
            f' · {total} chunks</div><ul class="fq-doclist">{"".join(lis)}</ul></div>')


def upload_html(added: list[str], updated: list[str], unchanged: list[str], duplicates: list[str],
                errors: list[str], warnings: list[str], titles: Mapping[str, str]) -> str:
    """What happened to an upload: indexed articles (by title), then every rejected file and why."""
    parts = []
    done = [(i, "added") for i in added] + [(i, "updated") for i in updated]
    if done:
        lis = "".join(f'<li>{esc(titles.get(i, i))} <span class="fq-muted">({w})</span></li>' for i, w in done)
        parts.append(f'<div class="fq-up fq-up-ok"><b>Indexed {len(done)} article{"s" if len(done) != 1 else ""}</b>'
                     f" — ask about {'them' if len(done) != 1 else 'it'} now.<ul>{lis}</ul></div>")
    if unchanged:
        parts.append(f'<div class="fq-up fq-up-info">Already indexed, unchanged: {esc(", ".join(unchanged))}</div>')
    for d in duplicates:
        parts.append(f'<div class="fq-up fq-up-info">Skipped a duplicate: {esc(d)}</div>')
    for w in warnings:
        parts.append(f'<div class="fq-up fq-up-warn">{esc(w)}</div>')
    for e in errors:
        parts.append(f'<div class="fq-up fq-up-err"><b>Rejected</b> {esc(e)}</div>')
    return "".join(parts) or '<div class="fq-up fq-up-info">Nothing to index.</div>'


def status_html(ready: bool, detail: str = "", error: str | None = None, hint: str | None = None) -> str:
    """The status pill: loading, ready (with ``detail``) or a short ``error`` (the full ``hint`` on hover)."""
    tip = f' title="{esc(hint)}"' if hint else ""
    if error:
        return f'<div class="fq-status fq-status-err"{tip}><span class="fq-dot"></span>{esc(error)}</div>'
    if not ready:
        return ('<div class="fq-status fq-status-wait"><span class="fq-dot"></span>'
                f'Getting ready — loading the models{esc(" · " + detail) if detail else "…"}</div>')
    more = esc(" · " + detail) if detail else ""
    return f'<div class="fq-status fq-status-ok"{tip}><span class="fq-dot"></span>Ready{more}</div>'


def note_html(message: str) -> str:
    """A one-line note under the input box (a question refused before it is sent, e.g. too long)."""
    msg = str(message)
    return f'<div class="fq-note" role="alert">{esc(msg[:1].upper() + msg[1:])}</div>' if msg else ""
