"""The store-aware refusal signals of session 19 (qa.refusal: article_share, article_names, n_articles, top_gap),
on invented text (nothing from the seeds or the benchmarks): a question whose words and names are spread over
two articles is covered by the store, but by no one article."""
from __future__ import annotations

import pytest

from qa.refusal import TRACE, top_gap

HARBOUR = """Harbour strike in Velmar

Harbour master Irene Castell said on Monday that 40 cranes stood idle at the port of Velmar.
Dockworkers told the Coastal Herald they would stay away until the pay dispute was settled.
The Velmar Shipping Guild estimated that 12 ships were waiting outside the harbour.
"""

FERRY = """New ferry timetable in Ostra

The Ostra ferry company published a winter timetable with four crossings a day.
Its director, Lena Varga, said the first ferry would leave at six in the morning.
Passengers in Ostra complained that the timetable dropped the late crossing.
"""


@pytest.fixture(scope="module")
def two_ports(engine_over):
    return engine_over({"harbour.txt": HARBOUR, "ferry.txt": FERRY})


def _signals(engine, question):
    trace: list = []
    token = TRACE.set(trace)
    try:
        engine.ask(question)
    finally:
        TRACE.reset(token)
    return next(sig for q, sig in trace if q == question)


def test_names_from_two_articles_are_in_the_store_but_not_in_one_article(two_ports):
    split = _signals(two_ports, "What did Irene Castell say about the Ostra ferry timetable?")
    assert not split.absent  # every name is somewhere in the store: the names rule lets it through
    assert split.article_names > 0.0  # ... but no one article names them all
    one = _signals(two_ports, "What did Irene Castell say about the cranes at the port of Velmar?")
    assert one.article_names == 0.0


def test_one_article_must_cover_the_words_and_the_articles_are_counted(two_ports):
    split = _signals(two_ports, "How many cranes stood idle while the ferry timetable dropped the late crossing?")
    one = _signals(two_ports, "How many cranes stood idle at the port of Velmar?")
    assert split.article_share >= split.share  # one article never covers more than all the sentences together
    assert split.article_share > one.article_share
    assert 1 <= one.n_articles <= 2 and split.n_articles == 2
    assert one.top_gap >= 0.0


class _E:
    def __init__(self, score):
        self.score = score


def test_top_gap_is_the_best_score_over_the_median_candidate():
    assert top_gap([]) == 0.0 and top_gap([_E(0.7)]) == 0.0
    assert top_gap([_E(0.3), _E(0.8), _E(0.4)]) == pytest.approx(0.8 - 0.4)
    flat = [_E(0.5)] * 10
    assert top_gap(flat) == 0.0  # a store whose candidates all look alike: nothing stands out


def test_the_shipped_weights_do_not_read_the_store_signals_and_the_gap_is_derived():
    from qa.refusal_model import STORE_FEATURES, derived, reads_store

    assert reads_store() is False  # the rules decide by default; the model, when on, reads no store signal
    assert "article_gap" in STORE_FEATURES
    assert derived({"article_share": 0.5, "share_raw": 0.2})["article_gap"] == pytest.approx(0.3)
    assert derived({"article_share": 0.1, "share_raw": 0.2})["article_gap"] == 0.0
    assert derived({"share_raw": 0.2}) == {}  # rows traced before the signal existed


def _row(set_name, store, answerable=True, opened=(True, True), **f):
    feats = {"names_absent": 0.0, "no_evidence": 0.0, "uncovered_rule": 0.0, "paraphrase": 0.0, "focus_missing": 0.0,
             "share": 0.0, "top": 0.5, "article_names": 0.0, "article_share": 0.0} | f
    return {"set": set_name, "store": store, "id": "x", "answerable": answerable, "features": feats,
            "open": list(opened), "rules": [True, True], "codes": [None, None]}


def test_a_set_is_held_out_on_every_store_at_once_and_reported_per_store():
    from qa.eval import refusal_loso as R

    rows = [_row("v3", "seed"), _row("v3", "mixed"), _row("v4", "mixed"), _row("rtqa-tune", "rtqa")]
    assert R.folds(rows) == ["v3", "v4", "rtqa-tune"]
    assert R.groups(rows) == ["seed:v3", "mixed:v3", "mixed:v4", "rtqa-tune"]
    totals = R.per_store(R.per_set(rows, [False] * len(rows)))
    assert totals["mixed"]["right"] == 2 and totals["seed"]["right"] == 1


def test_the_store_aware_rules_fire_only_when_asked():
    from qa.eval import refusal_loso as R

    split = _row("v3", "mixed", article_names=0.5, article_share=0.7)
    assert R.fired(split) is None  # the shipped cascade
    assert R.fired(split, article_names=0.34) == "article_names"
    assert R.fired(split, article_names=0.5) is None
    assert R.fired(split, article_share=0.6) == "article_share"
    assert R.fired(_row("v3", "mixed", article_share=0.7, paraphrase=1.0), article_share=0.6) is None
