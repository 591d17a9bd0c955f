"""Positions derived from a generation's records, built once per load: which sentences each chunk
holds, which chunks hold each sentence, which chunks each article has (``index.store.Store.layout``)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from index.store import StoreData


@dataclass(frozen=True)
class Layout:
    """Positions derived from a generation's records: ``chunk_rows[c]`` are the sentence rows of
    chunk ``c`` (chunks overlap, so a sentence can be in two), ``chunk_doc[c]`` the position of its
    article in ``doc_ids`` (the order of ``articles``), ``doc_chunks[d]`` the chunks of article ``d``;
    ``sentence_chunks[sentence_chunk_ptr[r]:sentence_chunk_ptr[r + 1]]`` are the chunks holding
    sentence ``r``; ``chunk_rows_padded`` is ``chunk_rows`` as one matrix padded with ``len(sentences)``;
    ``doc_pos[doc_id]`` is the position of an article in ``doc_ids``."""

    doc_ids: tuple[str, ...]
    chunk_rows: tuple[np.ndarray, ...]
    chunk_doc: np.ndarray
    doc_chunks: tuple[np.ndarray, ...]
    sentence_chunk_ptr: np.ndarray
    sentence_chunks: np.ndarray
    chunk_rows_padded: np.ndarray
    doc_pos: dict[str, int]

    @classmethod
    def of(cls, data: StoreData) -> "Layout":
        doc_ids = tuple(data.articles)
        dpos = {d: i for i, d in enumerate(doc_ids)}
        row = {(s.doc_id, s.start): i for i, s in enumerate(data.sentences)}
        rows = tuple(np.fromiter((row[(c.doc_id, st)] for st, _ in c.sentences if (c.doc_id, st) in row), np.int64)
                     for c in data.chunks)
        chunk_doc = np.fromiter((dpos.get(c.doc_id, -1) for c in data.chunks), np.int64, len(data.chunks))
        by_doc: list[list[int]] = [[] for _ in doc_ids]
        for ci, d in enumerate(chunk_doc.tolist()):
            if d >= 0:
                by_doc[d].append(ci)
        n_sent = len(data.sentences)
        lengths = np.fromiter((len(r) for r in rows), np.int64, len(rows))
        flat_rows = np.concatenate(rows) if rows else np.zeros(0, np.int64)
        flat_chunks = np.repeat(np.arange(len(rows), dtype=np.int64), lengths)
        order = np.argsort(flat_rows, kind="stable")
        ptr = np.zeros(n_sent + 1, np.int64)
        np.add.at(ptr, flat_rows + 1, 1)
        padded = np.full((len(rows), max(1, int(lengths.max()) if len(rows) else 1)), n_sent, np.int64)
        for ci, r in enumerate(rows):
            padded[ci, :len(r)] = r
        return cls(doc_ids, rows, chunk_doc, tuple(np.asarray(x, np.int64) for x in by_doc),
                   np.cumsum(ptr), flat_chunks[order], padded, dpos)
