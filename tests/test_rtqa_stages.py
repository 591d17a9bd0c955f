"""qa.eval.rtqa_stages.stage: one failure stage per RealTimeQA answer, with the article dates."""
import datetime as dt

from qa.eval.rtqa_stages import stage

ASKED = dt.date(2031, 3, 14)
WEEK = dt.date(2031, 3, 12)
OLD = dt.date(2029, 6, 1)


def _row(cls, holders):
    return {"class": cls, "candidates": [{"rank": i, "doc_id": f"d{i}", "has_answer": h} for i, h in enumerate(holders)]}


def test_classes_that_need_no_dates_pass_through():
    for cls in ("correct", "no_answer_text", "unanswerable_answered", "unanswerable_caught", "refused_shown"):
        assert stage(_row(cls, []), {}, [], [], False, ASKED, 7) == cls
    assert stage(_row("refused_other", [True]), {}, [WEEK], [], False, ASKED, 7) == "refused"


def test_an_answer_cited_from_an_old_article_while_a_week_candidate_holds_it_is_a_date_failure():
    row = _row("wrong_sentence", [False, True])
    assert stage(row, {}, [OLD, WEEK], [OLD], True, ASKED, 7) == "wrong_date"
    assert stage(row, {}, [OLD, OLD], [OLD], True, ASKED, 7) == "wrong_sentence"  # the holder is old too
    assert stage(row, {}, [OLD, WEEK], [WEEK], True, ASKED, 7) == "wrong_sentence"  # cited from the week


def test_a_retrieval_miss_is_a_date_miss_when_the_week_holds_the_answer_and_most_candidates_are_old():
    row = _row("retrieval_miss", [False, False, False])
    assert stage(row, {}, [OLD, OLD, WEEK], [], True, ASKED, 7) == "retrieval_miss_date"
    assert stage(row, {}, [OLD, WEEK, WEEK], [], True, ASKED, 7) == "retrieval_miss"
    assert stage(row, {}, [OLD, OLD, OLD], [], False, ASKED, 7) == "retrieval_miss"
