"""Hybrid retrieval: dense (FAISS over chunks) + BM25, fused by reciprocal rank; then
sentence-level evidence scored against the question and diversified across articles."""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from index.lexical import tokenize
from index.store import Store
from index.types import Chunk, Sentence

RRF_K = 60


@dataclass(frozen=True)
class Evidence:
    """A candidate evidence sentence with its scores."""

    sentence: Sentence
    row: int  # index into store.sentences
    score: float  # combined relevance in [0, 1]-ish
    dense: float  # cosine similarity to the query
    lexical: float  # share of query terms the sentence contains
    chunk_rank: int  # rank of its best chunk in the fused list


@dataclass
class Retrieval:
    query: str
    chunks: list[tuple[Chunk, float]]  # fused ranking
    evidence: list[Evidence]  # sorted by score, not yet diversified
    query_vector: np.ndarray

    @property
    def doc_ranking(self) -> list[str]:
        seen: list[str] = []
        for c, _ in self.chunks:
            if c.doc_id not in seen:
                seen.append(c.doc_id)
        return seen


def rrf(rankings: list[list[str]], k: int = RRF_K, weights: list[float] | None = None) -> dict[str, float]:
    """Reciprocal rank fusion of several ranked id lists."""
    weights = weights or [1.0] * len(rankings)
    out: dict[str, float] = {}
    for w, ranking in zip(weights, rankings):
        for r, key in enumerate(ranking):
            out[key] = out.get(key, 0.0) + w / (k + r + 1)
    return out


_QWORDS = {"how", "many", "much", "what", "who", "whom", "whose", "when", "where", "which", "why", "did", "does", "do",
           "is", "are", "was", "were", "has", "have", "the", "a", "an", "of", "to", "in", "on", "according"}


def query_terms(text: str) -> set[str]:
    return {t for t in tokenize(text) if t not in _QWORDS}


def retrieve(store: Store, embedder, query: str, *, k_chunks: int = 12, k_sentences: int = 40,
             mode: str = "hybrid") -> Retrieval:
    """Top chunks by fused dense+BM25 rank, and candidate sentences scored against ``query``."""
    qv = embedder.encode([query])[0]
    pool = max(k_chunks * 3, 30)
    dense = store.dense_search(qv, pool) if mode in {"hybrid", "dense"} else []
    lexical = store.lexical_search(query, pool) if mode in {"hybrid", "bm25"} else []
    by_id: dict[str, Chunk] = {h.chunk.id: h.chunk for h in dense + lexical}
    # sentence-level dense search over all sentences (a matrix product; fast for 50k sentences)
    svecs = store.sentence_vectors
    sent_sims = svecs @ qv if len(svecs) and mode != "bm25" else np.zeros(len(store.sentences), np.float32)
    fused = rrf([[h.chunk.id for h in dense], [h.chunk.id for h in lexical]])
    if mode != "bm25" and len(sent_sims):
        top_s = np.argsort(-sent_sims)[:pool]
        sent_chunks = []
        for i in top_s:
            cid = store.sentences[int(i)].chunk_id
            if cid not in sent_chunks:
                sent_chunks.append(cid)
        for r, cid in enumerate(sent_chunks):
            fused[cid] = fused.get(cid, 0.0) + 1.0 / (RRF_K + r + 1)
            if cid not in by_id:
                by_id[cid] = store.chunks[store._chunk_pos[cid]]
    ranked = sorted(fused.items(), key=lambda kv: -kv[1])[:k_chunks]
    chunks = [(by_id[cid], s) for cid, s in ranked]
    qterms = query_terms(query)
    cands: dict[int, Evidence] = {}
    for rank, (chunk, _) in enumerate(chunks):
        for row in store.sentences_in_chunk(chunk):
            if row in cands:
                continue
            s = store.sentences[row]
            d = float(sent_sims[row]) if mode != "bm25" else 0.0
            terms = set(tokenize(s.text))
            lex = len(qterms & terms) / len(qterms) if qterms else 0.0
            score = _combine(d, lex, rank, s, mode)
            cands[row] = Evidence(s, row, score, d, lex, rank)
    evidence = sorted(cands.values(), key=lambda e: -e.score)[:k_sentences]
    return Retrieval(query, chunks, evidence, qv)


def _combine(dense: float, lex: float, chunk_rank: int, s: Sentence, mode: str) -> float:
    if mode == "bm25":
        score = lex + 0.02 / (1 + chunk_rank)
    else:
        score = 0.7 * dense + 0.3 * lex + 0.02 / (1 + chunk_rank)
    if s.caption:
        score -= 0.08  # photo captions and alt text are weaker evidence than article sentences
    if s.text.rstrip("”\"' ").endswith("?"):
        score -= 0.1  # a sub-heading that asks a question answers nothing
    if len(s.text) < 25 or not re.search(r"[a-z]{3,}.*\s.*[a-z]{3,}", s.text):
        score -= 0.1  # fragments and labels
    return score


def diversify(evidence: list[Evidence], n: int, per_article: int = 2, min_score: float | None = None) -> list[Evidence]:
    """Best ``n`` sentences, at most ``per_article`` from one article in the first pass
    (round-robin by score), then filled with the rest; near-duplicate sentences dropped."""
    chosen: list[Evidence] = []
    counts: dict[str, int] = {}
    seen_text: set[str] = set()

    def key(e: Evidence) -> str:
        return re.sub(r"\W+", " ", e.sentence.text.lower()).strip()

    for e in evidence:
        if min_score is not None and e.score < min_score:
            continue
        if counts.get(e.sentence.doc_id, 0) >= per_article or key(e) in seen_text:
            continue
        chosen.append(e)
        seen_text.add(key(e))
        counts[e.sentence.doc_id] = counts.get(e.sentence.doc_id, 0) + 1
        if len(chosen) >= n:
            return chosen
    for e in evidence:
        if len(chosen) >= n:
            break
        if e in chosen or key(e) in seen_text or (min_score is not None and e.score < min_score):
            continue
        chosen.append(e)
        seen_text.add(key(e))
    return sorted(chosen, key=lambda e: -e.score)
