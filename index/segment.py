"""Sentence segmentation (pysbd) with exact character offsets, and sentence-aligned chunking."""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache

Span = tuple[int, int]

_PARA = re.compile(r"\n\s*\n")


@lru_cache(maxsize=1)
def _segmenter():
    import pysbd

    return pysbd.Segmenter(language="en", clean=False)


def split_sentences(text: str) -> list[Span]:
    """(start, end) spans of the sentences of ``text``; paragraph breaks always end a sentence.

    Spans are trimmed of surrounding whitespace, so ``text[start:end]`` is the sentence.
    """
    spans: list[Span] = []
    seg = _segmenter()
    pos = 0
    for para in _PARA.split(text):
        p_start = text.find(para, pos)
        pos = p_start + len(para)
        if not para.strip():
            continue
        cursor = p_start
        for piece in seg.segment(para):
            piece_s = piece.strip()
            if not piece_s:
                continue
            s = text.find(piece_s, cursor, pos)
            if s < 0:  # pysbd altered the text; fall back to the rest of the paragraph
                s = cursor
                while s < pos and text[s].isspace():
                    s += 1
                spans.append((s, pos))
                cursor = pos
                break
            e = s + len(piece_s)
            spans.extend(_split_long(text, s, e))
            cursor = e
    return _merge_fragments(text, spans)


def _split_long(text: str, s: int, e: int, limit: int = 1200) -> list[Span]:
    """Very long 'sentences' (lists, tables without punctuation) are cut at whitespace."""
    out: list[Span] = []
    while e - s > limit:
        cut = text.rfind(" ", s + limit // 2, s + limit)
        cut = cut if cut > s else s + limit
        out.append((s, cut))
        s = cut
        while s < e and text[s].isspace():
            s += 1
    out.append((s, e))
    return out


def _merge_fragments(text: str, spans: list[Span]) -> list[Span]:
    """Glue a fragment with no letters (a lone quote mark, '…') onto the sentence before it."""
    out: list[Span] = []
    for s, e in spans:
        frag = text[s:e]
        if out and not any(ch.isalnum() for ch in frag) and "\n" not in text[out[-1][1]:s]:
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def chunk_sentences(
    spans: Sequence[Span],
    text: str,
    count_tokens: Callable[[str], int],
    max_tokens: int = 160,
    overlap: int = 1,
) -> list[list[int]]:
    """Group consecutive sentences into chunks of at most ``max_tokens`` model tokens.

    Returns, for each chunk, the indices of its sentences. Consecutive chunks share
    ``overlap`` sentences. A single sentence longer than the limit forms its own chunk.
    """
    if max_tokens < 8:
        raise ValueError(f"max_tokens must be at least 8. Currently, max_tokens is {max_tokens}")
    if overlap < 0:
        raise ValueError(f"overlap must be 0 or more. Currently, overlap is {overlap}")
    sizes = [count_tokens(text[s:e]) for s, e in spans]
    chunks: list[list[int]] = []
    i = 0
    n = len(spans)
    while i < n:
        cur = [i]
        total = sizes[i]
        j = i + 1
        while j < n and total + sizes[j] <= max_tokens:
            cur.append(j)
            total += sizes[j]
            j += 1
        chunks.append(cur)
        if j >= n:
            break
        step = max(1, len(cur) - overlap)
        i += step
    return chunks
