"""Is the question answerable from the retrieved passages? The signals the refusal reads, and the rule
cascade that turns them into a typed ``RefusalReason``.

``read_signals`` computes every signal for one question at once (names the articles never mention,
retrieval's raw top score, the question words no covering sentence matches, the focus word, the whole-question
cosines, the typed span, the constraint checks of ``qa.constraints``); ``rule_refusal`` is the hand-set
cascade (the first rule that fires gives the reason). ``qa.refusal_model`` may weigh the same signals with
learned weights instead (``RefusalConfig``).
"""
from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass, replace

from index.lexical import fold_variant
from qa.choose import holders_first
from qa.config import Config, SpanConfig
from qa import lexicon as L
from qa.constraints import check_agent, check_date_within, check_role, check_statement, near_word
from qa.coverage import (WordCache, content_words, document_words, focus_word, parse_ignored, phrase_credited,
                         soft_words, typed_words, uncovered_terms)
from qa.asking_time import asking_time_words
from qa.frames import AnswerType, QuestionFrame, Refusal, RefusalReason
from qa.names import CorpusNames, initialism, names_initials
from qa.parse import asking_part
from qa.reader import Reader
from qa.retrieve import Evidence
from qa.setting_check import around_rows
from qa.span_search import Found, find_span
from qa.spans import typed

# Set to a list by qa.eval.train_refusal: compose_ask then reads every signal and appends (question, Signals, p).
TRACE: ContextVar[list | None] = ContextVar("refusal_trace", default=None)


@dataclass(frozen=True)
class Signals:
    """What the refusal reads about one question and its passages (all computed, whichever rule fires)."""

    absent: tuple[str, ...]  # names of the question no article mentions
    has_evidence: bool  # some passage is at or above min_score
    top: float  # retrieval's raw top score (not the re-ordered one)
    top_dense: float  # the best whole-question cosine among the covering sentences
    found_dense: float  # cosine of the sentence holding the typed span (0 when none)
    typed: bool  # the question expects a span of a named type
    found: bool  # ... and one was found
    share_raw: float  # weighted share of the question's content words no covering sentence matches
    share: float  # the same after the phrase credit
    n_missing: int  # uncovered words after the credit
    focus_missing: bool  # the focus word ("what condition") is uncovered
    paraphrase: bool  # a covering sentence (or the typed span's) is a close paraphrase
    covered: bool  # the coverage rule lets the question through
    missing: tuple[str, ...]  # uncovered words as the rules use them downstream (focus first)
    unmet: RefusalReason | None  # the first constraint check that fires (statement, agent, role, date)
    answer_type: AnswerType | None
    asks_statement: bool
    # the typed span's sentence (with the sentences around it) never uses the question's content verb nor a close
    # word ("who chaired the session" answered from "X addressed the session"); False when not typed or no verb
    span_event_unmet: bool = False
    span_echo: bool = False  # the typed span is an abbreviation of a name the question spells out ("WFP")
    # the evidence ranker's view (qa.rank; read only when the model decides or a trace runs, whether or not the
    # ranker re-orders): its feature rows of the first RankConfig.top_n relevant candidates in the hand order
    # (kept so that qa.eval.train_refusal can score them with rankers fitted without a held-out set), and what
    # the shipped ranker makes of them (``rank_view``)
    rank_x: tuple[tuple[float, ...], ...] = ()
    rank_best_p: float = 0.0  # the best candidate's probability of holding the answer (0: no candidate)
    rank_margin: float = 0.0  # ... minus the second best's (the best's own when there is one candidate)
    rank_first_p: float = 0.0  # the probability of the hand order's first candidate (the one the rules cite)
    rank_best_typed: bool = False  # the best-ranked candidate holds a span of the expected type
    # session 17 (refuse17), read only when the model decides or a trace runs:
    one_share: float = 1.0  # weighted share of the content words that the single best-covering sentence misses
    span_first: bool = False  # the typed span lies in the first covering sentence (hand order)
    names_unseen: int = 0  # proper nouns of the question outside its entities that no article mentions
    # session 19 (mixrefuse), signals that read the covering sentences' articles (a store of many articles on
    # related subjects lends each question words and names from several of them); read only when the model
    # decides or a trace runs:
    article_share: float = 1.0  # weighted share of the content words that ONE article's covering sentences miss
    article_names: float = 0.0  # share of the question's names that ONE article's sentences do not mention
    n_articles: int = 0  # distinct articles among the covering sentences
    top_gap: float = 0.0  # retrieval's top score minus its median candidate's (the store's level for the question)


def _type_words(qf: QuestionFrame) -> frozenset[str]:
    """The word naming the answer's type ("agency") need not occur: the answer is an instance of it.
    Only for known types: "what is the population" still needs "population"."""
    return frozenset(w for w in (qf.type_word,) if w and (typed(qf) or qf.is_figure)) | \
        frozenset(w for w in (qf.unit,) if w and qf.answer_type is AnswerType.QUANTITY)


def context_rows(evidence: list[Evidence], reader: Reader) -> list[int]:
    """The sentences' rows and the one before each: "He said ..." is covered by the name said before it."""
    rows = []
    for e in evidence:
        prev = reader.neighbour(e.row, -1)
        rows += ([prev] if prev is not None else []) + [e.row]
    return list(dict.fromkeys(rows))


def read_signals(question: str, qf: QuestionFrame, doc, ev_all: list[Evidence], ev_raw: list[Evidence],
                 best: list[Evidence], top: float, reader: Reader, words: WordCache, names: CorpusNames,
                 cfg: Config, dates, span_cfg: SpanConfig, *, every: bool = True,
                 store_aware: bool = False) -> tuple[Signals, Found | None]:
    """Every signal of the refusal, and the typed span found (``qa.span_search.find_span``) for the composer.
    ``best``: the passages in the hand-ruled order (before ``qa.rank``), whose first ones the coverage reads.
    ``every=False`` stops where the rule cascade stops (the old cost when the rules decide alone);
    ``store_aware`` (with ``every``) reads the session 19 signals of the covering articles too (a trace, or
    weights that read them: ``qa.refusal_model.reads_store``)."""
    absent = tuple(names.missing(qf.constraint_names()))
    has_evidence = bool(best) and top >= cfg.min_score
    near = best[: cfg.coverage_sentences]
    top_dense = max((e.dense for e in near), default=0.0)
    stop = not every and (absent or not has_evidence)
    if stop:
        return Signals(absent, has_evidence, top, top_dense, 0.0, typed(qf), False, 1.0, 1.0, 0, False, False,
                       False, (), None, qf.answer_type, qf.asks_statement), None
    ignore = _type_words(qf) | parse_ignored(doc) | typed_words(doc, reader.frames([e.row for e in near]))
    if cfg.document_words:  # "per the magazine that interviewed X": words about the text, not its content
        ignore = ignore | document_words(doc, reader.store if cfg.scope_words else None)
    ignore |= {fold_variant(w) for w in asking_time_words(doc)}  # "as of the latest report": when, not what
    context = context_rows(near, reader)
    missing = uncovered_terms(question, [reader.store.sentences[r].text for r in context], words,
                              cfg.word_sim_covered, ignore)
    focus = focus_word(asking_part(question))  # what the asking sentence wants, not its preamble
    focus = None if focus in ignore or (focus and fold_variant(focus) in ignore) else focus
    soft = soft_words(doc) if cfg.soft_word_weight < 1.0 else frozenset()
    focus = None if focus in soft or (focus and fold_variant(focus) in soft) else focus
    weight = sum(cfg.soft_word_weight if w in soft else 1.0
                 for w in content_words(question).values() if w not in ignore)
    if focus is not None and any(e.dense >= cfg.focus_dense for e in near):
        focus = None  # a sentence this close to the whole question may name the asked-for thing in other words

    def share_of(miss: list[str]) -> float:
        return sum(cfg.soft_word_weight if m in soft else 1.0 for m in miss) / max(1.0, weight)

    def enough(miss: list[str]) -> bool:  # the focus is met and few enough (weighted) words are not
        return focus not in miss and (share_of(miss) <= cfg.max_uncovered or top >= cfg.confident_score)

    found = find_span(qf, ev_all, reader, cfg, span_cfg) if typed(qf) and has_evidence else None
    paraphrase = (found is not None and found.evidence.dense >= cfg.paraphrase_dense) or \
        any(e.dense >= cfg.covered_dense for e in near)  # a sentence that says what the question asks, reworded
    share_raw = share_of(missing)
    covered = enough(missing) or paraphrase
    credited_missing = missing
    if missing and cfg.phrase_covered < 1.0 and (every or not covered):  # the uncovered words' phrases, whole
        credited = phrase_credited(doc, missing, reader.frames(context), words, cfg.phrase_covered)
        credited_missing = [m for m in missing if fold_variant(m) not in credited]
        if not covered and credited:
            missing = credited_missing
            covered = enough(missing)
    order = ([focus] if focus in missing else []) + [m for m in missing if m != focus]
    unmet = None
    if has_evidence and (every or covered):
        unmet = check_statement(qf, ev_all, reader, words, cfg, dates) or check_agent(qf, ev_all, reader, cfg) \
            or (check_role(doc, holders_first(question, ev_raw, reader, cfg), cfg, sentences=reader.store.sentences)
                if cfg.role_owners else None) \
            or (check_date_within(qf, ev_all, reader, cfg) if cfg.date_within else None)
    sig = Signals(absent, has_evidence, top, top_dense, found.evidence.dense if found is not None else 0.0,
                  typed(qf), found is not None, share_raw, share_of(credited_missing), len(credited_missing),
                  focus is not None and focus in credited_missing, paraphrase, covered, tuple(order), unmet,
                  qf.answer_type, qf.asks_statement)
    if every and found is not None:  # signals only the model reads
        sig = replace(sig, span_event_unmet=span_event_unmet(qf, found, reader, words, cfg),
                      span_echo=names_initials(question, initialism(found.span.text), part=True))
    if every:
        one = min((share_of(uncovered_terms(question, [reader.store.sentences[r].text for r in pair], words,
                                            cfg.word_sim_covered, ignore))
                   for pair in _pairs(near, reader)), default=1.0)
        sig = replace(sig, one_share=one, span_first=found is not None and bool(near)
                      and found.evidence.row == near[0].row, names_unseen=len(names.missing(unseen_names(doc))))
    if every and store_aware:
        by_article = _by_article(near, reader)
        art = min((share_of(uncovered_terms(question, [reader.store.sentences[r].text for r in rows], words,
                                            cfg.word_sim_covered, ignore))
                   for rows in by_article.values()), default=1.0)
        sig = replace(sig, article_share=art, n_articles=len(by_article),
                      article_names=article_names_missing(qf.constraint_names(), by_article, reader),
                      top_gap=top_gap(ev_raw))
    return sig, found


def _by_article(near: list[Evidence], reader: Reader) -> dict[str, list[int]]:
    """The covering sentences' rows (each with the row before it) grouped by article, best article first."""
    out: dict[str, list[int]] = {}
    for rows, e in zip(_pairs(near, reader), near):
        kept = out.setdefault(e.sentence.doc_id, [])
        kept.extend(r for r in rows if r not in kept)
    return out


def article_names_missing(wanted: list[str], by_article: dict[str, list[int]], reader: Reader) -> float:
    """The smallest share of ``wanted`` (the question's names) that one article of ``by_article`` never
    mentions in any of its sentences (0 when the question names nothing or no article is given)."""
    wanted = list(dict.fromkeys(wanted))
    if not wanted or not by_article:
        return 0.0
    store = reader.store
    return min(len(CorpusNames(store.sentences[r].text for r in store.sentences_of(doc)).missing(wanted))
               for doc in by_article) / len(wanted)


def top_gap(evidence: list[Evidence]) -> float:
    """The best candidate's score minus the median candidate's: how far the best stands out from what the
    store offers the question at all (0 with fewer than two candidates)."""
    scores = sorted((e.score for e in evidence), reverse=True)
    if len(scores) < 2:
        return 0.0
    return scores[0] - scores[len(scores) // 2]


def _pairs(near: list[Evidence], reader: Reader) -> list[list[int]]:
    """Each covering sentence's row with the row before it (``context_rows`` one sentence at a time)."""
    out = []
    for e in near:
        prev = reader.neighbour(e.row, -1)
        out.append(([prev] if prev is not None else []) + [e.row])
    return out


def unseen_names(doc) -> list[str]:
    """Proper nouns of the question that are not part of a named entity (the parse's PROPN tokens outside
    ``doc.ents``, first letter upper case): names the entity recogniser missed ("the Wirenet desk")."""
    inside = {t.i for ent in doc.ents for t in ent}
    return [t.text for t in doc if t.pos_ == "PROPN" and t.i not in inside and t.text[:1].isupper() and t.i > 0]


@dataclass(frozen=True)
class RankView:
    """What a ranker makes of the candidates' feature rows (``Signals.rank_*``)."""

    best_p: float = 0.0
    margin: float = 0.0
    first_p: float = 0.0
    best_typed: bool = False


def rank_view(x, model) -> RankView:
    """``model`` (a ``qa.rank.RankModel``) on feature rows ``x`` (hand order; no bonus for the first): the best
    probability, its margin over the second, the first's, and whether the best holds a span of the expected type."""
    import numpy as np

    from qa.rank import order
    from qa.rank_features import FEATURES

    x = np.asarray(x, dtype=np.float64)
    if model is None or not len(x):
        return RankView()
    z = model.logits(x, 0.0)
    p = 1.0 / (1.0 + np.exp(-np.clip(z, -30.0, 30.0)))
    ranked = order(z)
    second = float(p[ranked[1]]) if len(ranked) > 1 else 0.0
    return RankView(float(p[ranked[0]]), float(p[ranked[0]]) - second, float(p[0]),
                    bool(x[ranked[0], FEATURES.index("typed_span")] > 0))


def rank_signals(sig: Signals, qf: QuestionFrame, question: str, hand: list[Evidence], reader: Reader, cfg: Config,
                 dates, about_now: bool, as_of) -> Signals:
    """``sig`` with the ranker's view of ``hand`` (candidates in the hand order, before ``qa.rank.rerank``): the
    first ``RankConfig.top_n`` relevant ones, featurised as the ranker does, scored by the shipped weights."""
    from qa.config import RANK
    from qa.rank import default_model, relevant_head
    from qa.rank_features import candidate_features

    k = relevant_head(hand, cfg.min_score, RANK.top_n)
    if not k:
        return sig
    x = candidate_features(qf, question, hand[:k], reader, dates, about_now, as_of)
    v = rank_view(x, default_model())
    return replace(sig, rank_x=tuple(tuple(float(c) for c in row) for row in x), rank_best_p=v.best_p,
                   rank_margin=v.margin, rank_first_p=v.first_p, rank_best_typed=v.best_typed)


def span_event_unmet(qf: QuestionFrame, found: Found, reader: Reader, words: WordCache, cfg: Config) -> bool:
    """The question's content verb ("chair", "publish") has no same word, same stem or close word (word vectors
    at least ``cfg.word_sim_covered``) among the lemmas of the span's sentence, of the statement it answers
    and of the sentences around them. Light and reporting verbs say nothing to match."""
    verb = qf.event
    if not verb or verb in L.LIGHT_VERBS or verb in L.REPORTING_VERBS:
        return False
    rows = set(around_rows(reader, found.evidence.row))
    if found.statement is not None:
        rows |= set(around_rows(reader, found.statement.row))
    lemmas = set().union(*(f.lemmas for f in reader.frames(sorted(rows))))
    return not near_word(verb, lemmas, words, cfg.word_sim_covered)


def rule_refusal(sig: Signals) -> RefusalReason | None:
    """The hand-set cascade: the first rule that fires, in the order names, evidence, coverage, constraints."""
    if sig.absent:
        return RefusalReason(Refusal.ENTITY_NOT_IN_CORPUS, sig.absent)
    if not sig.has_evidence:
        return RefusalReason(Refusal.NO_EVIDENCE)
    if not sig.covered:
        return RefusalReason(Refusal.UNCOVERED, sig.missing[:3])
    return sig.unmet

