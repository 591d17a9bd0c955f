"""Hybrid retrieval: chunks ranked from their sentences' cosines to the question and their
articles' BM25 (``rank_chunks``; every sentence is embedded once, there are no chunk-text vectors);
then sentence-level evidence scored against the question and diversified across articles."""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np

from index.lexical import tokenize
from index.store import Store
from index.types import Chunk, Sentence
from qa.config import RETRIEVAL, RetrievalConfig


@dataclass(frozen=True)
class Evidence:
    """A candidate evidence sentence with its scores."""

    sentence: Sentence
    row: int  # index into store.sentences
    score: float  # combined relevance in [0, 1]-ish
    dense: float  # cosine similarity to the query
    lexical: float  # share of query terms the sentence contains
    chunk_rank: int  # rank of its best chunk in the chunk ranking


@dataclass
class Retrieval:
    query: str
    chunks: list[tuple[Chunk, float]]  # best first, with their rank_chunks scores
    evidence: list[Evidence]  # sorted by score, not yet diversified
    query_vector: np.ndarray

    @property
    def doc_ranking(self) -> list[str]:
        seen: list[str] = []
        for c, _ in self.chunks:
            if c.doc_id not in seen:
                seen.append(c.doc_id)
        return seen


_QWORDS = {"how", "many", "much", "what", "who", "whom", "whose", "when", "where", "which", "why", "did", "does", "do",
           "is", "are", "was", "were", "has", "have", "the", "a", "an", "of", "to", "in", "on", "according"}


def query_terms(text: str) -> set[str]:
    return {t for t in tokenize(text) if t not in _QWORDS}


Recency = Callable[[], Sequence[float]]  # each article's recency weight, in ``store.layout.doc_ids`` order
PreEvent = Callable[[], "Sequence[bool] | None"]  # per article (same order): published before the asked event
Names = Callable[[], Sequence[str]]  # the words of the question's names (``named_words`` of its parse)


def retrieve(store: Store, embedder, query: str, *, k_chunks: int | None = None, k_sentences: int | None = None,
             mode: str = "hybrid", cfg: RetrievalConfig = RETRIEVAL, recency: Recency | None = None,
             pre_event: PreEvent | None = None, names: Names | None = None) -> Retrieval:
    """Top chunks ranked from their sentences' scores and their articles' BM25 (``rank_chunks``),
    and candidate sentences scored against ``query``. ``recency``: for a question asked on a known day,
    each article's weight by its distance from that day (``qa.timeline.article_weights``), read only when
    ``cfg.as_of_chunk_bonus`` or ``cfg.as_of_article_pool`` is set (``rank_chunks``). ``pre_event``: per article,
    published before the day of the event the question asks about (``qa.timeline.event_day``,
    ``published_before``; None when it names no such day), read only when ``cfg.pre_event_penalty`` is set: those
    articles' chunks and candidate sentences lose that much (an article cannot report a later event). ``names``:
    the words of the question's names (``named_words``), read only when ``cfg.name_cover_weight`` is set: each
    chunk gains that weight times the share of them its article holds (``name_coverage``)."""
    k_chunks = k_chunks or cfg.k_chunks
    k_sentences = k_sentences or cfg.k_sentences
    qv = embedder.encode([query])[0]
    sent_sims = np.zeros(len(store.sentences), np.float32)
    early = None
    if mode == "bm25":
        chunks = [(h.chunk, h.score) for h in store.lexical_search(query, max(k_chunks * 3, 30))[:k_chunks]]
    else:
        weights = None
        if recency is not None and (cfg.as_of_chunk_bonus > 0 or cfg.as_of_article_pool > 0):
            weights = np.asarray(recency(), np.float32)
        if pre_event is not None and cfg.pre_event_penalty > 0:
            mask = pre_event()
            early = np.asarray(mask, bool) if mask is not None and any(mask) else None
        cover = None
        if cfg.name_cover_weight > 0 and mode == "hybrid" and (names is not None or cfg.name_cover_all):
            words = [w for w in re.findall(r"[\w'’-]+", query) if w.lower() not in _QWORDS] if cfg.name_cover_all \
                else names()
            cover = name_coverage(store, words)
        ranked, sent_sims = rank_chunks(store, qv, query, cfg, lexical=mode == "hybrid", recency=weights, early=early,
                                        cover=cover)
        chunks = [(store.chunks[ci], score) for ci, score in ranked[:k_chunks]]
    qterms = query_terms(query)
    stem = cloze_tail(query, cfg.cloze_words) if cfg.cloze_bonus > 0 else None
    cands: dict[int, Evidence] = {}
    for rank, (chunk, _) in enumerate(chunks):
        for row in store.sentences_in_chunk(chunk):
            if row in cands:
                continue
            s = store.sentences[row]
            d = float(sent_sims[row]) if mode != "bm25" else 0.0
            terms = store.sentence_terms(row)
            lex = len(qterms & terms) / len(qterms) if qterms else 0.0
            score = _combine(d, lex, rank, s, mode) + _cloze_gain(stem, s.text, cfg)
            cands[row] = Evidence(s, row, score, d, lex, rank)
    if mode != "bm25" and cfg.top_sentences > 0:
        add_top_sentences(store, sent_sims, qterms, cands, cfg.top_sentences, len(chunks), mode,
                          cfg.top_sentence_penalty, stem, cfg)
    if mode != "bm25" and (cfg.scope_bonus > 0 or cfg.part_bonus > 0):
        scope_candidates(store, qv, qterms, cands, query, len(chunks), mode, stem, cfg)
    if mode != "bm25" and early is not None:
        _penalise_early(store, cands, early, cfg.pre_event_penalty)
    ranked_ev = sorted(cands.values(), key=lambda e: -e.score)
    evidence = ranked_ev[:k_sentences] + per_article_evidence(ranked_ev, k_sentences, chunks,
                                                               cfg.evidence_per_article)
    return Retrieval(query, chunks, evidence, qv)


def per_article_evidence(ranked: list[Evidence], k: int, chunks: list[tuple[Chunk, float]], m: int) -> list[Evidence]:
    """The best ``m`` candidates (``ranked``: best first) of each article a handed chunk comes from that are not
    among the first ``k``: in a store of many articles, sentences of other articles can fill all ``k`` places,
    so an article the chunk ranking hands on would reach the answer core with none of its sentences. Their
    order in the result: by score. ``m`` 0: none (off)."""
    if m <= 0 or len(ranked) <= k:
        return []
    handed = {c.doc_id for c, _ in chunks}
    kept: dict[str, int] = {}
    for e in ranked[:k]:
        kept[e.sentence.doc_id] = kept.get(e.sentence.doc_id, 0) + 1
    extra = []
    for e in ranked[k:]:
        d = e.sentence.doc_id
        if d in handed and kept.get(d, 0) < m:
            extra.append(e)
            kept[d] = kept.get(d, 0) + 1
    return extra


def _penalise_early(store: Store, cands: dict[int, "Evidence"], early: np.ndarray, penalty: float) -> None:
    """The candidates of articles published before the asked event (``early``, by ``layout.doc_ids`` position)
    lose ``penalty``."""
    pos = store.layout.doc_pos  # built once per load
    for r, e in list(cands.items()):
        i = pos.get(e.sentence.doc_id)
        if i is not None and early[i]:
            cands[r] = replace(e, score=e.score - penalty)


def scope_candidates(store: Store, qv: np.ndarray, qterms: set[str], cands: dict[int, "Evidence"], query: str,
                     chunk_rank: int, mode: str, stem: "re.Pattern[str] | None", cfg: RetrievalConfig = RETRIEVAL) -> None:
    """When ``query`` names one or a few articles of the store (``qa.docscope``: "per Wirenet", "the December
    report"; at most ``cfg.scope_max_articles``, not all), every sentence of them joins ``cands`` (scored as
    ranked after every handed chunk) with ``cfg.scope_bonus`` added (with ``cfg.scope_filter``, the other
    articles' sentences leave ``cands``); when it names a caption or credit, caption
    sentences (of those articles, or of the candidates) get ``cfg.part_bonus``, and so does an article's headline
    when it names the headline. A reference that names no
    article changes nothing here."""
    from qa.docscope import PartKind, scope_of

    scope = scope_of(query, store)
    docs = set(scope.doc_ids)
    if cfg.scope_bonus <= 0 or not docs or len(docs) > cfg.scope_max_articles or len(docs) >= len(store.articles):
        docs = set()
    captions = cfg.part_bonus > 0 and bool(scope.parts & {PartKind.CAPTION, PartKind.CREDIT})
    headline = cfg.part_bonus > 0 and PartKind.HEADLINE in scope.parts
    if not docs and not captions and not headline:
        return
    rows = [r for d in sorted(docs) for r in store.sentences_of(d)]
    new = [r for r in rows if r not in cands]
    if new:
        sims = np.asarray(store.sentence_vectors[new], np.float32) @ np.asarray(qv, np.float32)
        for r, d in zip(new, sims.tolist()):
            s = store.sentences[r]
            lex = len(qterms & store.sentence_terms(r)) / len(qterms) if qterms else 0.0
            cands[r] = Evidence(s, r, _combine(d, lex, chunk_rank, s, mode) + _cloze_gain(stem, s.text, cfg), d, lex,
                                chunk_rank)
    if docs and cfg.scope_filter:  # only the named articles' sentences are candidates
        for r in [r for r in cands if cands[r].sentence.doc_id not in docs]:
            del cands[r]
    for r in list(cands):
        e = cands[r]
        gain = cfg.scope_bonus if e.sentence.doc_id in docs else 0.0
        if captions and e.sentence.caption and (not docs or e.sentence.doc_id in docs):
            gain += cfg.part_bonus
        if headline and (not docs or e.sentence.doc_id in docs) and _is_title(store, e.sentence):
            gain += cfg.part_bonus
        if gain:
            cands[r] = replace(e, score=e.score + gain)


def add_top_sentences(store: Store, sent_sims: np.ndarray, qterms: set[str], cands: dict[int, "Evidence"], n: int,
                      chunk_rank: int, mode: str, penalty: float = 0.0, stem: "re.Pattern[str] | None" = None,
                      cfg: RetrievalConfig = RETRIEVAL) -> None:
    """Of the ``n`` sentences closest to the question (cosine), those of articles no handed chunk
    comes from join ``cands``: a chunk is ranked by its two best sentences, so an article whose one
    sentence states the answer among weaker neighbours ("Photo gallery: Dozens killed in X plane
    crash.") loses every chunk place to articles of several middling ones (in news, often copies of
    one story). They count as ranked after every handed chunk (``chunk_rank``). Articles already
    handed keep their chunks' sentences only. ``penalty`` is taken from their scores."""
    handed = {store.sentences[r].doc_id for r in cands}
    for row in top_positive(sent_sims, n).tolist():
        if row in cands or sent_sims[row] <= 0 or store.sentences[row].doc_id in handed:
            continue
        s = store.sentences[row]
        d = float(sent_sims[row])
        lex = len(qterms & store.sentence_terms(row)) / len(qterms) if qterms else 0.0
        score = _combine(d, lex, chunk_rank, s, mode) - penalty + _cloze_gain(stem, s.text, cfg)
        cands[row] = Evidence(s, row, score, d, lex, chunk_rank)


def _is_title(store: Store, s: Sentence) -> bool:
    """The sentence is its article's headline (same words as the stored title)."""
    article = store.articles.get(s.doc_id)
    return article is not None and tokenize(article.title or "") == tokenize(s.text)


def top_positive(scores: np.ndarray, k: int) -> np.ndarray:
    """The positions of ``top_k(scores, k)`` whose score is above 0, in that order, read from the positive
    scores only: ``rank_chunks``' cosines are 0 outside the few thousand sentences it scored, so this sorts
    those instead of partitioning the store's whole array (identical, see below; add_top_sentences reads
    nothing else).

    Identical to ``top_k`` because the rows it would add are 0 or below and dropped: when the ``k``-th best
    positive score is tied with a row outside the first ``k``, which of the tied rows ``top_k``'s
    ``argpartition`` keeps depends on the whole array, so then the whole array is ranked as before."""
    rows = np.flatnonzero(scores > 0)
    sub = scores[rows]
    pick = top_k(sub, k)
    if k > 0 and len(pick) == k and np.count_nonzero(sub >= sub[pick[-1]]) > k:  # a tie across the k-th place
        full = top_k(scores, k)
        return full[scores[full] > 0]
    return rows[pick]


def standardised(scores: np.ndarray) -> np.ndarray:
    """``scores`` as z-scores (mean 0, standard deviation 1); all zeros when they do not vary."""
    if not len(scores):
        return scores
    sd = float(scores.std())
    return (scores - float(scores.mean())) / sd if sd > 1e-12 else np.zeros_like(scores)


def pooled_z(scores: np.ndarray, pool: int) -> np.ndarray:
    """``scores`` standardised by the mean and standard deviation of their ``pool`` best (all of them when there are
    no more): the same as ``standardised`` on a store of up to ``pool`` articles, and on a larger one the spread
    between the articles that match the question is not magnified by the many that do not (z of every matching
    article grows with the count of unrelated ones)."""
    if len(scores) <= pool:
        return standardised(scores)
    top = scores[top_k(scores, pool)]
    sd = float(top.std())
    return (scores - float(top.mean())) / sd if sd > 1e-12 else np.zeros_like(scores)


def top_k(scores: np.ndarray, k: int) -> np.ndarray:
    """Positions of the ``k`` highest ``scores``, best first (argpartition, then a sort of ``k``)."""
    k = min(k, len(scores))
    if k <= 0:
        return np.zeros(0, np.int64)
    idx = np.argpartition(-scores, k - 1)[:k]
    return idx[np.lexsort((idx, -scores[idx]))]


def chunk_features(store: Store, sent_sims: np.ndarray, chunk_idx: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Cosine of the best and of the second-best sentence of each chunk in ``chunk_idx`` (the best
    again for a one-sentence chunk); ``sent_sims`` holds a cosine for every sentence of those chunks."""
    padded = store.layout.chunk_rows_padded[chunk_idx]
    sims = np.append(sent_sims, np.float32(-np.inf))[padded]
    if sims.shape[1] == 1:
        return sims[:, 0], sims[:, 0]
    two = np.partition(sims, sims.shape[1] - 2, axis=1)[:, -2:]
    best, second = two[:, 1], two[:, 0]
    return best, np.where(np.isfinite(second), second, best)


def rank_chunks(store: Store, query_vector: np.ndarray, query: str, cfg: RetrievalConfig = RETRIEVAL, *,
                lexical: bool = True, recency: np.ndarray | None = None,
                early: np.ndarray | None = None, cover: np.ndarray | None = None) -> tuple[list[tuple[int, float]], np.ndarray]:
    """Chunk positions with scores, best first: ``best + cfg.second_weight * second +
    cfg.article_bm25_weight * z(article BM25)`` (see ``RetrievalConfig``), over the chunks of the
    ``cfg.sentence_pool`` best sentences (``store.sentence_search``) and of the ``cfg.article_pool``
    best articles by BM25. Also returns the sentences' cosines to the query: exact for every sentence
    of those chunks, 0 elsewhere (not computed: no full product over the store's sentences).

    ``recency`` (each article's weight for the day the question is asked, 1 in its week): the chunks
    of the ``cfg.as_of_article_pool`` best articles by BM25 among those of weight 1 join the candidates
    (the week's articles are not crowded out by older ones on the same subject), and every chunk gains
    ``cfg.as_of_chunk_bonus * weight``: a news question asked "this week" is about that week's news. ``early``
    (per article, published before the asked event): its chunks lose ``cfg.pre_event_penalty``. ``cover`` (per
    article, the share of the question's names it holds: ``name_coverage``): every chunk gains
    ``cfg.name_cover_weight * cover``, and the chunks of the ``cfg.name_cover_pool`` best covering articles join the
    candidates."""
    lay = store.layout
    sims = np.zeros(len(store.sentences), np.float32)
    if not len(store.sentences) or not len(store.chunks):
        return [], sims
    top_s = np.fromiter((r for r, _ in store.sentence_search(query_vector, cfg.sentence_pool)), np.int64)
    parts = [lay.sentence_chunks[lay.sentence_chunk_ptr[r]:lay.sentence_chunk_ptr[r + 1]] for r in top_s.tolist()]
    article_z = None
    if lexical and cfg.article_bm25_weight > 0:
        bm = store.article_lexical_scores(query)
        article_z = pooled_z(bm, cfg.article_pool) if cfg.article_z_pool else standardised(bm)
        parts += [lay.doc_chunks[d] for d in top_k(bm, cfg.article_pool).tolist() if bm[d] > 0]
        if recency is not None and cfg.as_of_article_pool > 0:
            week = np.where(recency >= 1.0, bm, 0.0)
            parts += [lay.doc_chunks[d] for d in top_k(week, cfg.as_of_article_pool).tolist() if week[d] > 0]
    if cover is not None and cfg.name_cover_pool > 0:
        parts += [lay.doc_chunks[d] for d in top_k(cover, cfg.name_cover_pool).tolist() if cover[d] > 0]
    cand = np.unique(np.concatenate(parts)) if parts else np.zeros(0, np.int64)
    rows = np.unique(lay.chunk_rows_padded[cand])
    rows = rows[rows < len(sims)]
    sims[rows] = np.asarray(store.sentence_vectors[rows], np.float32) @ np.asarray(query_vector, np.float32)
    best, second = chunk_features(store, sims, cand)
    score = best + cfg.second_weight * second
    if article_z is not None:
        score = score + cfg.article_bm25_weight * article_z[lay.chunk_doc[cand]]
    if recency is not None and cfg.as_of_chunk_bonus > 0:
        score = score + cfg.as_of_chunk_bonus * recency[lay.chunk_doc[cand]]
    if early is not None and cfg.pre_event_penalty > 0:
        score = score - cfg.pre_event_penalty * early[lay.chunk_doc[cand]]
    if cover is not None and cfg.name_cover_weight > 0:
        score = score + cfg.name_cover_weight * cover[lay.chunk_doc[cand]]
    order = np.lexsort((cand, -score))
    return [(int(cand[i]), float(score[i])) for i in order], sims


def named_words(doc) -> list[str]:
    """The words of the names in a parsed question (spaCy ``doc``): proper nouns and the tokens of named entities
    (``qa.attribution.NAME_LABELS``), each once, in order; words BM25 drops (stop words) are left out."""
    from qa.attribution import NAME_LABELS

    out: list[str] = []
    for t in doc:
        if (t.pos_ == "PROPN" or t.ent_type_ in NAME_LABELS) and tokenize(t.text) and t.text not in out:
            out.append(t.text)
    return out


def name_coverage(store: Store, words: Sequence[str]) -> np.ndarray | None:
    """Per article (``layout.doc_ids`` order): the share of ``words`` (a question's names) the article's text
    holds, each word weighted by its BM25 inverse document frequency over the store's articles (a name every
    article holds weighs little); words no article holds are left out. None when no word is left. An article
    that names every name of the question scores 1 however many other articles share its subject: unlike the
    BM25 z-score, the share does not grow with the number of unrelated articles in the store."""
    n = len(store.articles)
    if not n or not words:
        return None
    cover = np.zeros(n, np.float64)
    total = 0.0
    seen: set[tuple[str, ...]] = set()
    for w in words:
        key = tuple(tokenize(w))
        if not key or key in seen:
            continue
        seen.add(key)
        has = store.article_lexical_scores(w) > 0
        df = int(has.sum())
        if df == 0:
            continue
        idf = float(np.log(1.0 + (n - df + 0.5) / (df + 0.5)))
        cover += idf * has
        total += idf
    return (cover / total).astype(np.float32) if total > 0 else None


def _combine(dense: float, lex: float, chunk_rank: int, s: Sentence, mode: str) -> float:
    if mode == "bm25":
        score = lex + 0.02 / (1 + chunk_rank)
    else:
        score = 0.7 * dense + 0.3 * lex + 0.02 / (1 + chunk_rank)
    if s.caption:
        score -= 0.08  # photo captions and alt text are weaker evidence than article sentences
    if ends_in_question(s.text):
        score -= 0.1  # a sub-heading that asks a question answers nothing
    if is_fragment(s.text):
        score -= 0.1  # fragments and labels
    return score


_TWO_WORDS = re.compile(r"[a-z]{3,}.*\s.*[a-z]{3,}")


def ends_in_question(text: str) -> bool:
    """The sentence is a question (a sub-heading that asks, closing quotes aside): it answers nothing."""
    return text.rstrip("”\"' ").endswith("?")


def is_fragment(text: str) -> bool:
    """A fragment or label: under 25 characters, or without two lower-case words of three letters or more."""
    return len(text) < 25 or not _TWO_WORDS.search(text)


_CLOZE_END = re.compile(r"[:…_]+\s*$")


def cloze_tail(question: str, n_words: int = 2) -> "re.Pattern[str] | None":
    """For a fill-in-the-blank question (it ends with ":", "…" or "_": "The lake has been shrinking
    since at least:"), a pattern for its last ``n_words`` words followed by one more word: the sentence
    that continues them ("... shrinking since at least 1950") fills the blank. None for other questions."""
    if not _CLOZE_END.search(question):
        return None
    words = re.findall(r"[\w'’]+", _CLOZE_END.sub("", question))
    if len(words) < n_words or n_words <= 0:
        return None
    tail = r"\W+".join(re.escape(w) for w in words[-n_words:])
    return re.compile(rf"(?<!\w){tail}\s+[\w“\"'‘$]", re.IGNORECASE)


def _cloze_gain(stem: "re.Pattern[str] | None", text: str, cfg: RetrievalConfig) -> float:
    """``cfg.cloze_bonus`` for a sentence that continues the cloze question's last words (``cloze_tail``)."""
    return cfg.cloze_bonus if stem is not None and stem.search(text) else 0.0


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
