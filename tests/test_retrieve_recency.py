"""Retrieval that prefers the articles of the week a question is asked in (qa.timeline.article_weights,
qa.retrieve.rank_chunks' recency, RetrievalConfig.as_of_chunk_bonus / as_of_article_pool)."""
import datetime as dt

import numpy as np
import pytest

from index.embed import get_embedder
from qa.config import RetrievalConfig, TimeConfig
from qa.retrieve import rank_chunks, retrieve
from qa.timeline import ArticleDate, DateSource, Precision, article_weights

ASKED = dt.date(2031, 3, 14)


def _day(y, m, d):
    return ArticleDate(dt.date(y, m, d), DateSource.METADATA, Precision.DAY)


def test_articles_of_the_asking_week_weigh_one_and_older_ones_less():
    dates = {"wirenet-now": _day(2031, 3, 10), "ledger-old": _day(2030, 12, 14), "brandt-undated": None}
    cfg = TimeConfig(half_life_days=90, as_of_flat_days=7, undated_weight=0.5)
    w = article_weights(["wirenet-now", "ledger-old", "brandt-undated", "missing"], dates, ASKED, cfg)
    assert w[0] == 1.0
    assert 0.4 < w[1] < 0.6  # about one half-life (90 days) beyond the week
    assert w[2] == 0.5 and w[3] == 0.5


def test_a_later_article_is_as_far_from_the_asking_day_as_an_earlier_one():
    dates = {"before": _day(2031, 2, 14), "after": _day(2031, 4, 13)}
    w = article_weights(["before", "after"], dates, ASKED, TimeConfig())
    assert w[0] == pytest.approx(w[1], abs=0.02) and w[0] < 1.0


def test_the_chunk_bonus_lifts_the_chunks_of_the_week(store):
    q = "What did the minister say about the talks?"
    qv = get_embedder().encode([q])[0]
    plain, _ = rank_chunks(store, qv, q, RetrievalConfig())
    last_doc = store.layout.chunk_doc[plain[-1][0]]
    weights = np.zeros(len(store.layout.doc_ids), np.float32)
    weights[last_doc] = 1.0  # only the weakest-ranked chunk's article is of the asking week
    lifted, _ = rank_chunks(store, qv, q, RetrievalConfig(as_of_chunk_bonus=10.0), recency=weights)
    assert store.layout.chunk_doc[lifted[0][0]] == last_doc
    unchanged, _ = rank_chunks(store, qv, q, RetrievalConfig(), recency=weights)  # bonus 0: off
    assert [c for c, _ in unchanged] == [c for c, _ in plain]


def test_the_week_pool_adds_the_chunks_of_the_weeks_best_bm25_articles(store):
    q = "What did the minister say about the talks?"
    qv = get_embedder().encode([q])[0]
    bm = store.article_lexical_scores(q)
    cfg = RetrievalConfig(sentence_pool=1, article_pool=1)
    plain, _ = rank_chunks(store, qv, q, cfg)
    ranked_docs = {int(store.layout.chunk_doc[c]) for c, _ in plain}
    outside = [d for d in np.argsort(-bm).tolist() if bm[d] > 0 and d not in ranked_docs]
    if not outside:
        pytest.skip("every article with the query's words is ranked already")
    weights = np.zeros(len(store.layout.doc_ids), np.float32)
    weights[outside[0]] = 1.0
    pooled, _ = rank_chunks(store, qv, q, RetrievalConfig(sentence_pool=1, article_pool=1, as_of_article_pool=1),
                            recency=weights)
    assert outside[0] in {int(store.layout.chunk_doc[c]) for c, _ in pooled}


def test_recency_is_not_read_when_both_settings_are_off(store):
    def boom():
        raise AssertionError("read")

    r = retrieve(store, get_embedder(), "Who made the claim about the casualties?", recency=boom)
    assert r.evidence


def test_negative_recency_settings_are_refused():
    with pytest.raises(ValueError):
        RetrievalConfig(as_of_chunk_bonus=-0.1)
    with pytest.raises(ValueError):
        RetrievalConfig(as_of_article_pool=-1)
    with pytest.raises(ValueError):
        RetrievalConfig(pre_event_penalty=-0.1)


def test_the_engine_reads_article_weights_for_the_asking_day_only_once(engine, monkeypatch):
    import qa.timeline

    calls = []
    real = qa.timeline.article_weights
    monkeypatch.setattr(qa.timeline, "article_weights", lambda *a, **k: calls.append(1) or real(*a, **k))
    weights = engine._recency(engine.store, ASKED)
    first = weights()
    assert weights() is first and len(first) == len(engine.store.layout.doc_ids) and calls == [1]


# ----------------------------------------------------------------------------- the day of the asked event
from qa.timeline import event_day, published_before  # noqa: E402

FRIDAY = dt.date(2031, 3, 14)  # a Friday


@pytest.mark.parametrize("question, day", [
    ("Which club did Wirenet beat on Monday?", dt.date(2031, 3, 10)),
    ("Who opened the Oslo bridge on Friday?", FRIDAY),  # the asking day itself
    ("How many were arrested in Ledger after the riot on March 8?", dt.date(2031, 3, 8)),
    ("Which firm announced layoffs this week?", dt.date(2031, 3, 7)),
    ("Who won the Brandt prize this past weekend?", dt.date(2031, 3, 7)),
])
def test_the_event_day_is_the_last_such_day_on_or_before_the_asking_day(question, day):
    assert event_day(question, FRIDAY) == day


def test_a_month_day_after_the_asking_day_is_last_years():
    assert event_day("Who won the Wirenet vote on Dec. 30?", dt.date(2031, 1, 3)) == dt.date(2030, 12, 30)


@pytest.mark.parametrize("question", [
    "What do the people of Ledger do every 16 January?",  # recurring
    "Who will speak in Oslo next Monday?",  # coming
    "Who spoke in Oslo on 8 January 2019?",  # dated: pinned, not an event of the asking week
    "Which firm makes the Wirenet router?",  # no day
    "Who leads the Ledger council today?",  # a state asked now, not an event of the day
])
def test_no_event_day_for_recurring_coming_dated_or_dayless_questions(question):
    assert event_day(question, FRIDAY) is None


def test_the_earliest_of_several_days():
    assert event_day("Brandt fell ill on Wednesday and was hospitalised this week: where?", FRIDAY) == dt.date(2031, 3, 7)


def test_only_articles_dated_to_the_day_before_the_event_are_early():
    dates = {"a": _day(2031, 3, 1), "b": _day(2031, 3, 9), "c": ArticleDate(dt.date(2031, 2, 1), DateSource.URL,
                                                                           Precision.MONTH), "d": None}
    assert published_before(["a", "b", "c", "d"], dates, dt.date(2031, 3, 10), slack_days=1) == [True, False, False, False]
    assert published_before(["b"], dates, dt.date(2031, 3, 11), slack_days=1) == [True]


def test_the_pre_event_penalty_sinks_the_early_articles_sentences(store):
    q = "What did the minister say about the talks?"
    emb = get_embedder()
    plain = retrieve(store, emb, q, cfg=RetrievalConfig(pre_event_penalty=0.0))
    first_doc = plain.evidence[0].sentence.doc_id
    mask = [d == first_doc for d in store.layout.doc_ids]
    sunk = retrieve(store, emb, q, cfg=RetrievalConfig(pre_event_penalty=5.0), pre_event=lambda: mask)
    assert all(e.sentence.doc_id != first_doc for e in sunk.evidence[:3])
    off = retrieve(store, emb, q, cfg=RetrievalConfig(pre_event_penalty=0.0), pre_event=lambda: mask)  # 0: off
    assert [e.row for e in off.evidence] == [e.row for e in plain.evidence]
    none = retrieve(store, emb, q, cfg=RetrievalConfig(pre_event_penalty=5.0), pre_event=lambda: None)
    assert [e.row for e in none.evidence] == [e.row for e in plain.evidence]


def test_the_engine_marks_articles_published_before_the_asked_event(engine):
    store = engine.store
    mask = engine._pre_event(store, "Which club did Wirenet beat on Monday?", dt.date(2099, 1, 9))()
    assert len(mask) == len(store.layout.doc_ids)
    assert mask == published_before(store.layout.doc_ids, engine.dates, dt.date(2099, 1, 5))
    assert engine._pre_event(store, "Which firm makes the Wirenet router?", dt.date(2099, 1, 9))() is None


def test_the_layout_keeps_each_articles_position(store):
    lay = store.layout
    assert lay.doc_pos == {d: i for i, d in enumerate(lay.doc_ids)}
    assert store.layout is lay  # built once per load, not per question
