"""The answer engine: ``ask`` a question or ``check`` a claim against the indexed articles."""
from __future__ import annotations

import datetime as dt
import logging
import os
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
import time
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from index.backends import open_store
from index.embed import embedder_for
from index.store import Store, default_store_path
from qa.answer import compose_ask
from qa.claims import VerdictConfig, decide
from qa.config import DEFAULT, SPANS, Config, SpanConfig, TimeConfig
from qa.coverage import WordCache
from qa.names import CorpusNames
from qa.spelling import Speller
from qa.parts import decompose
from qa.part_answers import answer_parts, join_parts
from qa.parse import FrameCache, question_doc, question_frame
from qa.reader import Reader
from qa.errors import BadQuestionError
from qa.followup import rewrite_followup
from qa.lang import is_english
from qa.question import expand_shorthand, normalize_question
from qa.retrieve import Evidence, Retrieval, diversify, retrieve
from qa.stance import RELEVANT, StanceCode
from qa.asking_time import without_asking_time
from qa.types import Answer, Citation, Figure, Progress, Stage

log = logging.getLogger(__name__)

MAX_CLAIM_EVIDENCE = 6
CLAIM_CANDIDATES = 12  # evidence sentences judged per claim
PRELOAD_FRAMES_MAX = 5000  # warm() parses every sentence of stores up to this size


class Engine:
    """Answers from one store. Light to construct; the store and model load on first use.

    Thread-safe for concurrent readers; reloads by itself when the store on disk changes.
    """

    def __init__(self, store: str | Path | None = None, *, mode: str = "hybrid", llm: str | None = None,
                 llm_stance: bool | None = None, config: Config = DEFAULT,
                 time_config: TimeConfig = TimeConfig(), verdict_config: VerdictConfig | None = None,
                 span_config: SpanConfig = SPANS) -> None:
        if mode not in {"hybrid", "dense", "bm25"}:
            raise ValueError(f"mode must be one of hybrid, dense, bm25. Currently, mode is {mode!r}")
        self.store_path = Path(store) if store else default_store_path()
        self.mode = mode
        self._store: Store | None = None
        self._lock = threading.Lock()
        self._words: WordCache | None = None
        self.verdict_config = verdict_config or VerdictConfig()
        self.config = config
        self.time_config = time_config
        self.span_config = span_config
        self._dates: dict | None = None
        self._recency_cache: dict = {}  # (as_of day, time config) -> article weights; reset with the store
        self._frames = FrameCache(config.frame_cache)
        self._names: CorpusNames | None = None
        self._speller: Speller | None = None
        self.llm_spec = llm  # None: $FACTQA_LLM (default off); "off"; "local:qwen-0.5b"; "openai:URL#MODEL"
        # The LLM as a second stance judge in check (qa.llm.stance). Off unless asked for, even with an LLM
        # configured: measured on the seed claims and SciFact dev it lowers verdict accuracy (docs/EVALUATION.md).
        self.llm_stance = _env_flag("FACTQA_LLM_STANCE") if llm_stance is None else llm_stance

    @property
    def store(self) -> Store:
        with self._lock:
            if self._store is None or self._store.is_stale():
                self._store = open_store(self.store_path).load()  # file or Milvus store (index.backends)
                self._words = None
                self._names = None
                self._speller = None
                self._dates = None
                self._recency_cache = {}
                self._frames = FrameCache(self.config.frame_cache)
            return self._store

    @property
    def embedder(self):
        return embedder_for(self.store.manifest)  # the model and runtime the store was built with

    @property
    def words(self) -> WordCache:
        if self._words is None:
            self._words = WordCache(self.embedder)
        return self._words

    @property
    def names(self) -> CorpusNames:
        store = self.store
        if self._names is None:
            # the outlets named in the articles' metadata ("the Wirenet article") are names of the corpus too
            outlets = [a.outlet for a in store.articles.values() if getattr(a, "outlet", None)]
            self._names = CorpusNames([*(s.text for s in store.sentences), *outlets])
        return self._names

    @property
    def speller(self) -> Speller:
        """Spelling correction against this store's words (``qa.spelling``), once per store load."""
        store = self.store
        if self._speller is None:
            known = getattr(self.embedder, "known_words", frozenset)()
            self._speller = Speller((s.text for s in store.sentences), known, self.config.spell_min_length,
                                    self.config.spell_long_word, self.config.spell_derived_words)
        return self._speller

    @property
    def dates(self) -> dict:
        """Each article's date (``qa.timeline.dates_of``), once per store load."""
        store = self.store
        if self._dates is None:
            from qa.timeline import dates_of

            self._dates = dates_of(store.articles, self.time_config)
        return self._dates

    def reader(self) -> Reader:
        return Reader(self.store, self._frames)

    def warm(self, vocabulary: bool = True) -> "Engine":
        """Load the store and the models now and, with ``vocabulary``, embed the store's words for the
        coverage check (seed store: ~700 words, under a second) and parse its sentences (stores up to
        ``config.preload_frames`` sentences), so that the first questions are as fast as the later ones."""
        self.embedder.encode(["warm up"])
        self.names
        self.speller.warm()
        self.dates
        if self.config.role_owners:  # check_role's index of the articles' text (193k sentences: 0.43 s of CPU)
            from qa.role_check import role_text_index

            role_text_index(self.store.sentences)
        if vocabulary:
            self.preload_vocabulary()
            sentences = self.store.sentences
            if len(sentences) <= self.config.preload_frames:
                self._frames.preload((s.id, s.text) for s in sentences)
                frames = self._frames.get([(s.id, s.text) for s in sentences])
                # the lemmas counted nouns are compared with (qa.select), embedded now rather than per question
                self.words.preload(sorted({w for f in frames for w in f.lemmas if len(w) > 3 and w.isalpha()}))
            self.preload_frames()
        from qa.parse import question_frame

        question_frame("Who said what, and when?")
        return self

    def preload_frames(self) -> int:
        """Parse every sentence of a small store (up to ``PRELOAD_FRAMES_MAX``) for ``check``'s slot
        frames now (seed store: a few seconds), so that warm checks do not parse; returns how many."""
        from qa.claims import unit_text
        from qa.slots import slot_frames

        store = self.store
        if len(store.sentences) > PRELOAD_FRAMES_MAX:
            return 0
        texts = list(dict.fromkeys(unit_text(store, row) for row in range(len(store.sentences))))
        slot_frames(texts)
        return len(texts)

    def preload_vocabulary(self) -> int:
        """Embed every word of the store's sentences not embedded yet; returns how many were."""
        from qa.coverage import vocabulary

        sentences = self.store.sentences  # first: a reload of a changed store starts a new word cache
        return self.words.preload(vocabulary(s.text for s in sentences))

    def article_text(self, doc_id: str) -> str | None:
        return self.store.article_text(doc_id)

    # -- ask ---------------------------------------------------------------------------------
    def ask(self, question: str, history: list[str] | None = None, *, as_of: dt.date | None = None) -> Answer:
        """``as_of``: the day the question is asked (default: none known). A question asked on day D
        prefers statements from articles dated near D (``qa.timeline``); without it, near the newest
        candidate article."""
        final = None
        for final in self.ask_stream(question, history, as_of=as_of):
            pass
        assert final is not None
        return final

    def ask_stream(self, question: str, history: list[str] | None = None, *,
                   as_of: dt.date | None = None) -> Iterator[Answer]:
        """``ask``, yielding as it goes: the extractive answer when no LLM is configured (one
        item); with one, each time the writer has produced and verified another sentence (the
        last item is the final answer; the extractive one is yielded only if nothing survives)."""
        for item in self.ask_stages(question, history, as_of=as_of):
            if isinstance(item, Answer):
                yield item

    def ask_stages(self, question: str, history: list[str] | None = None, *,
                   as_of: dt.date | None = None) -> Iterator[Progress | Answer]:
        """``ask_stream`` with the stages in between, as they happen: ``Progress(SEARCHING)`` before
        the search, ``Progress(READING, passages=n)`` once ``n`` passages are retrieved, and
        ``Progress(WRITING)`` before an LLM writer starts; then the answer(s). Bad input raises
        before anything is yielded."""
        question = normalize_question(question)
        self._check_language(question)
        yield Progress(Stage.SEARCHING)
        parts = self._compound(question, history)
        if parts is not None:  # a multi-part question (qa.parts): each part searched and answered on its own
            found = {p: self._search(p.text, None, as_of) for p in parts.parts}
            yield Progress(Stage.READING, passages=sum(len(f.retrieval.evidence) for f in found.values()))
            ans = join_parts(question, parts, answer_parts(parts, lambda p, avoid: self._compose(found[p], avoid)),
                             whole=lambda: self._compose(self._search(question, None, as_of)))
        else:
            found = self._search(question, history, as_of)
            yield Progress(Stage.READING, passages=len(found.retrieval.evidence))
            ans = self._compose(found)
        from qa.llm import get_backend, iter_enhanced_answer

        backend = get_backend(self.llm_spec)
        if backend is None or not ans.answerable:
            yield ans
            return
        yield Progress(Stage.WRITING)
        t = time.perf_counter()
        for out in iter_enhanced_answer(ans, {c.n: c.quote for c in ans.citations}, backend, self.embedder.encode):
            if out is ans:
                yield ans
                continue
            timings = dict(out.timings_ms)
            timings["llm"] = round((time.perf_counter() - t) * 1000, 2)
            timings["total"] = round(ans.timings_ms.get("total", 0) + timings["llm"], 2)
            yield replace(out, timings_ms=timings)

    def _compound(self, question: str, history: list[str] | None):
        """The parts of a multi-part question (``qa.parts``), unless compound questions are off
        or the question is a follow-up."""
        if not self.config.split_compound or history:
            return None
        return decompose(question_doc(question))

    def _search(self, question: str, history: list[str] | None, as_of: dt.date | None = None) -> "_Found":
        """Retrieval for a normalised, language-checked question."""
        t0 = time.perf_counter()
        query = expand_shorthand(rewrite_followup(question, history or []))
        store = self.store
        if self.config.correct_spelling:
            query = self.speller.correct(query)
        t1 = time.perf_counter()
        # the question's parse (spaCy) runs while the query is embedded and searched (torch and
        # thinc release the GIL in their kernels); compose_ask then finds it in question_frame's cache
        parsing = _PARSER.submit(question_frame, query)
        # words of when it is asked ("currently", "as of the latest report") match no answer: not searched
        r = retrieve(store, self.embedder, without_asking_time(query), mode=self.mode,
                     recency=self._recency(store, as_of) if as_of is not None else None,
                     pre_event=self._pre_event(store, query, as_of, parsing.result) if as_of is not None else None,
                     names=self._question_names(query, parsing.result))
        parsing.result()
        query = self._content(query)  # "per Wirenet, ...": the articles named were searched; the rest is read
        t2 = time.perf_counter()
        return _Found(question, query, store, r, t0, t1, t2, as_of)

    def _recency(self, store: Store, as_of: dt.date):
        """Each article's recency weight for a question asked on ``as_of`` (``qa.timeline.article_weights``),
        found when retrieval asks for it (``qa.retrieve.retrieve``'s ``recency``) and kept per day."""
        cache = self._recency_cache  # this store's: ``store`` replaces it on a reload

        def weights():
            key = (as_of, self.time_config)
            if key not in cache:
                from qa.timeline import article_weights

                cache[key] = article_weights(store.layout.doc_ids, self.dates, as_of, self.time_config)
            return cache[key]
        return weights

    @staticmethod
    def _question_names(question: str, parsed):
        """The words of ``question``'s names (``qa.retrieve.named_words``), found when retrieval asks for them
        (``RetrievalConfig.name_cover_weight``); ``parsed`` waits for the question's parse running in ``_PARSER``."""
        def words():
            from qa.retrieve import named_words

            parsed()
            return named_words(question_doc(question))
        return words

    def _pre_event(self, store: Store, question: str, as_of: dt.date, parsed=None):
        """Per article: published before the day of the event ``question`` asks about (``qa.timeline.event_day``,
        ``published_before``), or None when it names no such day; found when retrieval asks for it. ``parsed``:
        waits for the question's parse running in ``_PARSER`` (so that it is not parsed twice)."""
        def mask():
            from qa.config import RETRIEVAL
            from qa.timeline import event_day, published_before

            if parsed is not None:
                parsed()
            day = event_day(question_doc(question), as_of)
            if day is None:
                return None
            return published_before(store.layout.doc_ids, self.dates, day, RETRIEVAL.pre_event_slack_days)
        return mask

    def _content(self, text: str) -> str:
        """``text`` without the words that only name articles of the store (``qa.docscope.content_text``), when
        ``Config.scope_strip`` is on."""
        if not self.config.scope_strip:
            return text
        from qa.docscope import content_text, scope_of

        return content_text(text, scope_of(text, self.store))

    def _compose(self, found: "_Found", avoid: frozenset[tuple[str, int]] = frozenset()) -> Answer:
        """``avoid``: sentences ((doc id, start)) not to answer from (another part of the question cites them)."""
        question, query, r = found.question, found.query, found.retrieval
        if avoid:
            r = replace(r, evidence=[e for e in r.evidence if (e.sentence.doc_id, e.sentence.start) not in avoid])
        out = compose_ask(query, r, Reader(found.store, self._frames), self.words, self.names, self.config,
                          self.dates, self.time_config, as_of=found.as_of, span_cfg=self.span_config)
        citations = self._citations(list(out.cited), {})
        figures = tuple(Figure(**f) for f in out.figures)
        t3 = time.perf_counter()
        return Answer(
            question=question, mode="ask", answer=out.answer, short_answer=out.short_answer,
            answerable=out.answerable, verdict=None, figures=figures, citations=citations,
            timings_ms=_timings(found.t0, found.t1, found.t2, t3), query=query if query != question else None,
            retrieved=tuple(r.doc_ranking), short_answer_span=out.span.to_dict() if out.span else None,
            refusal=out.refusal.to_dict() if out.refusal else None,
        )

    # -- check -------------------------------------------------------------------------------
    def check(self, claim: str) -> Answer:
        t0 = time.perf_counter()
        claim = normalize_question(claim)
        self._check_language(claim)
        store = self.store
        t1 = time.perf_counter()
        r = retrieve(store, self.embedder, claim, mode=self.mode)
        t2 = time.perf_counter()
        cands = diversify(r.evidence, CLAIM_CANDIDATES, per_article=3)
        backend = self._stance_backend()
        t_llm = time.perf_counter()
        stances = None
        if backend is not None:
            from qa.llm.stance import judge_with_llm

            stances = judge_with_llm(claim, cands, store, backend, self.words)
        llm_ms = (time.perf_counter() - t_llm) * 1000 if backend is not None else None
        decision = decide(self._content(claim), cands, store, stances=stances, words=self.words,
                          config=self.verdict_config, dates=self.dates)
        v, reason = decision.verdict.value, decision.reason
        # decisive evidence first, then figures that only look like support (hedged), then the rest
        order = {StanceCode.SUPPORTS: 0, StanceCode.REFUTES: 0, StanceCode.HEDGED: 1}
        shown = sorted([s for s in decision.stances if s.code in order],
                       key=lambda s: (order[s.code], -s.evidence.score))[:MAX_CLAIM_EVIDENCE]
        if decision.deciding is not None and decision.deciding not in shown:
            shown = [decision.deciding, *shown][:MAX_CLAIM_EVIDENCE]
        if len(shown) < 3:  # add the closest neutral context, marked as such
            shown += [s for s in decision.stances if s not in shown and s.code is not StanceCode.OFF_TOPIC
                      and s.evidence.score >= RELEVANT][: 3 - len(shown)]
        stance_of = {s.evidence.row: (s.stance, s.reason) for s in shown}
        label = {"supported": "Supported", "refuted": "Refuted", "conflicting": "Conflicting",
                 "not_enough_evidence": "Not enough evidence"}[v]
        lines = [f"{label}: {reason}."]  # the reason names the decisive passage's finding
        cited: list[Evidence] = []
        for s in shown:
            cited.append(s.evidence)
            lines.append(f"[{len(cited)}] {s.stance}: {s.reason}.")
        t3 = time.perf_counter()
        timings = _timings(t0, t1, t2, t3)
        if llm_ms is not None:
            timings["llm"] = round(llm_ms, 2)
        return Answer(
            question=claim, mode="check", answer=" ".join(lines), short_answer=label,
            answerable=v != "not_enough_evidence", verdict=v, figures=(),
            citations=self._citations(cited, stance_of), timings_ms=timings,
            retrieved=tuple(r.doc_ranking), reason=reason,
        )

    # -- helpers -----------------------------------------------------------------------------
    def _stance_backend(self):
        if not self.llm_stance:
            return None
        from qa.llm import get_backend

        return get_backend(self.llm_spec)

    def _citations(self, cited: list[Evidence], stance_of: dict) -> tuple[Citation, ...]:
        store = self.store
        out = []
        for n, ev in enumerate(cited, 1):
            s = ev.sentence
            art = store.articles[s.doc_id]
            assert art.text[s.start:s.end] == s.text  # never cite what the store does not hold
            st = stance_of.get(ev.row)
            out.append(Citation(n=n, doc_id=s.doc_id, title=art.title, chunk_id=s.chunk_id, quote=s.text,
                                start=s.start, end=s.end, score=round(float(ev.score), 4),
                                stance=st[0] if st else None, outlet=art.outlet, date=art.date,
                                reason=st[1] if st else None))
        return tuple(out)

    def _check_language(self, text: str) -> None:
        if not is_english(text):
            raise BadQuestionError(
                "the question is not in English; the embedding model and the rules here only handle English. "
                "Please ask in English"
            )


def _env_flag(name: str) -> bool:
    raw = os.environ.get(name, "").strip().lower()
    if raw in {"", "0", "off", "false", "no"}:
        return False
    if raw in {"1", "on", "true", "yes"}:
        return True
    raise ValueError(f"{name} must be on or off. Currently, it is {raw!r}")


def _timings(t0: float, t1: float, t2: float, t3: float) -> dict[str, float]:
    return {"retrieve": round((t2 - t1) * 1000, 2), "answer": round((t3 - t2) * 1000, 2), "total": round((t3 - t0) * 1000, 2)}


class _Found(NamedTuple):
    """What ``Engine._search`` hands to ``Engine._compose``: the retrieval and its clock readings."""

    question: str
    query: str
    store: Store
    retrieval: Retrieval
    t0: float
    t1: float
    t2: float
    as_of: dt.date | None = None  # the day the question is asked, when known


_PARSER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="factqa-parse")
_ENGINES: dict[str, Engine] = {}
_ENGINES_LOCK = threading.Lock()


def _engine(store: str | Path | None) -> Engine:
    key = str(Path(store) if store else default_store_path())
    with _ENGINES_LOCK:
        if key not in _ENGINES:
            _ENGINES[key] = Engine(key)
        return _ENGINES[key]


def ask(question: str, store: str | Path | None = None, history: list[str] | None = None, *,
        as_of: dt.date | None = None) -> Answer:
    """Answer ``question`` from the store (default ``$FACTQA_STORE`` or ``.factqa/store``), asked on
    day ``as_of`` when given."""
    return _engine(store).ask(question, history=history, as_of=as_of)


def check(claim: str, store: str | Path | None = None) -> Answer:
    """Give a verdict on ``claim`` with evidence and stances."""
    return _engine(store).check(claim)
