"""The article reader: a whole cleaned article with its cited sentences marked.

A citation card's title links to ``render.read_href``: ``#read=<doc>&at=<start>-<end>&marks=...``
(the cited sentence and every other sentence of that article cited in the same answer); the page
script turns the link into a call of the reader's server function, which renders the article here.
Links carry only offsets, so a conversation restored after a reload opens the same passages.
Offsets are checked against the article: spans out of range are dropped, never trusted.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence

from ui.render import esc, month

MAX_MARKS = 200


def clean_spans(spans: Iterable[Sequence[int]], length: int) -> list[tuple[int, int]]:
    """Valid ``(start, end)`` spans inside ``[0, length]``, sorted, overlaps merged, at most MAX_MARKS."""
    good = []
    for sp in list(spans)[:MAX_MARKS]:
        try:
            s, e = int(sp[0]), int(sp[1])
        except (TypeError, ValueError, IndexError):
            continue
        if 0 <= s < e <= length:
            good.append((s, e))
    merged: list[tuple[int, int]] = []
    for s, e in sorted(good):
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return merged


def _paragraph(text: str, p0: int, p1: int, marks: list[tuple[int, int]], main: tuple[int, int] | None) -> str:
    out, pos = [], p0
    for s, e in marks:
        s, e = max(s, p0), min(e, p1)
        if s >= e:
            continue
        out.append(esc(text[pos:s]))
        is_main = main is not None and s < main[1] and main[0] < e
        cls = "fq-hit fq-hit-main" if is_main else "fq-hit"
        out.append(f'<mark class="{cls}">{esc(text[s:e])}</mark>')
        pos = e
    out.append(esc(text[pos:p1]))
    return f'<p>{"".join(out)}</p>'


def article_html(doc_id: str, title: str, text: str, *, outlet: str | None = None, date: str | None = None,
                 marks: Iterable[Sequence[int]] = (), at: Sequence[int] | None = None) -> str:
    """The reader panel for one article: header, then every paragraph with the cited spans marked;
    the span ``at`` (the clicked citation) is the main mark, the one scrolled into view."""
    spans = clean_spans([*marks, *([at] if at else [])], len(text))
    main = clean_spans([at], len(text)) if at else []
    main_span = main[0] if main else None
    paras, pos = [], 0
    while pos <= len(text):
        nxt = text.find("\n\n", pos)
        end = len(text) if nxt < 0 else nxt
        if text[pos:end].strip():
            paras.append(_paragraph(text, pos, end, spans, main_span))
        if nxt < 0:
            break
        pos = nxt + 2
    meta = " · ".join(esc(b) for b in (outlet, month(date)) if b)
    n = len(spans)
    count = (f'{n} cited sentence{"s" if n != 1 else ""} marked' if n else "No sentence of it cited yet")
    return (
        f'<div class="fq-reader" role="dialog" aria-label="Article reader">'
        f'<div class="fq-reader-head"><div class="fq-reader-titles"><div class="fq-reader-title">{esc(title)}</div>'
        f'<div class="fq-reader-meta">{meta}{" · " if meta else ""}{esc(count)}</div></div>'
        f'<button class="fq-reader-close" type="button" aria-label="Close the article">✕</button></div>'
        f'<div class="fq-reader-body" title="{esc(doc_id)}">{"".join(paras)}</div></div>'
    )


def missing_html(doc_id: str) -> str:
    return (f'<div class="fq-reader" role="dialog" aria-label="Article reader"><div class="fq-reader-head">'
            f'<div class="fq-reader-titles"><div class="fq-reader-title">Article not found</div>'
            f'<div class="fq-reader-meta">{esc(doc_id)} is no longer in the store.</div></div>'
            f'<button class="fq-reader-close" type="button" aria-label="Close">✕</button></div></div>')
