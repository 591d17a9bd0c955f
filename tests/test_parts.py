"""Multi-part questions (qa.parts: decomposition from the parse; qa.part_answers: answering and joining
the parts). Invented text only."""
from __future__ import annotations

import pytest

from qa.types import Answer, Citation, Figure


def _parts(q):
    from qa.parse import question_doc
    from qa.parts import decompose

    return decompose(question_doc(q))


def _shape(q):
    p = _parts(q)
    return None if p is None else (p.relation.value, [(x.text, x.label) for x in p.parts])


def test_each_asks_the_question_of_each_coordinated_subject():
    assert _shape("What did the mayor and the port director each promise the fishermen?") == ("each", [
        ("What did the mayor promise the fishermen?", "the mayor"),
        ("What did the port director promise the fishermen?", "the port director")])


def test_how_with_a_coordinated_subject_makes_the_verb_singular():
    rel, parts = _shape("How do the union and the council describe the new depot?")
    assert rel == "each" and parts[0][0] == "How does the union describe the new depot?"


def test_two_question_words_share_one_clause():
    assert _shape("Where and when did the dockers strike?") == ("both", [
        ("Where did the dockers strike?", None), ("When did the dockers strike?", None)])


def test_a_wh_fragment_takes_the_first_question_clause():
    assert _shape("Where did the ferry run aground, and on what date?")[1][1][0] == \
        "On what date did the ferry run aground?"


def test_a_yes_no_question_after_a_wh_question_takes_its_subject():
    assert _shape("When did the bakery open, and is it still trading?") == ("both", [
        ("When did the bakery open?", None), ("Is the bakery still trading?", None)])


def test_a_gapped_second_question_takes_only_the_verb():
    assert _shape("Who spoke at the hearing on Monday and who on Friday?") == ("both", [
        ("Who spoke at the hearing on Monday?", None), ("Who spoke on Friday?", None)])


def test_an_alternative_keeps_its_clause():
    rel, parts = _shape("Which came first: the mayor's confirmation that the bridge was unsafe, or the engineers' report?")
    assert rel == "order" and [p[1] for p in parts] == [
        "the mayor's confirmation that the bridge was unsafe", "the engineers' report"]


def test_which_came_first_asks_when_of_each_alternative():
    assert _shape("Which came first: the bridge closure or the ferry strike?") == ("order", [
        ("When was the bridge closure?", "the bridge closure"), ("When was the ferry strike?", "the ferry strike")])


def test_compare_with_an_elided_noun_takes_the_subject_noun():
    assert _shape("How does the union's estimate compare with the council's?") == ("compare", [
        ("What is the union's estimate?", "the union's estimate"),
        ("What is the council's estimate?", "the council's estimate")])


def test_compare_with_a_pronoun_possessor_takes_the_subject_possessor():
    rel, parts = _shape("How does the union's offer in May compare with its offer in June?")
    assert rel == "compare" and parts[1][0] == "What is the union's offer in June?"


def test_differ_on_a_topic_asks_what_each_said_about_it():
    assert _shape("How do the union and the council differ on the cost of the new depot?") == ("compare", [
        ("What did the union say about the cost of the new depot?", "the union"),
        ("What did the council say about the cost of the new depot?", "the council")])


def test_a_repeated_preposition_asks_the_question_of_each():
    rel, parts = _shape("Which routes were cut, by the council and by the operator?")
    assert rel == "each" and [p[1] for p in parts] == ["the council", "the operator"]


def test_a_typed_versus_shares_the_longer_side_words():
    assert _shape("union vs council wage offer") == ("compare", [
        ("union wage offer", "union"), ("council wage offer", "council")])


@pytest.mark.parametrize("q", [
    "Which trade deals did Bosnia and Herzegovina sign?",  # one name
    "Who popularised rock and roll?",  # no word distributes the question
    "How many visitors came between 10 and 20 May?",  # a range
    "How many ferries came between 2010 and 2020?",
    "What have Oslo and Bergen accused the ministry of hiding?",  # one accusation by both
    "Which agency is behind both the tender and the audit?",  # one answer holding for both
    "How did Trinidad and Tobago respond?",  # one name, even with "how"
    "What did the mayor say about taxes and schools?",
    "What two figures did the council give: how many homes now, and how many later?",  # one list
    "How long have the union and the council been negotiating?",  # with each other
])
def test_one_question_is_not_split(q):
    assert _parts(q) is None


# ------------------------------------------------------------------ joining the answers

def _cite(n, doc, start, quote="q"):
    return Citation(n=n, doc_id=doc, title="t", chunk_id=f"{doc}#0", quote=quote, start=start,
                    end=start + len(quote), score=0.5)


def _ans(text, short, cites, figures=(), answerable=True, span=None):
    return Answer(question="?", mode="ask", answer=text, short_answer=short, answerable=answerable, verdict=None,
                  citations=tuple(cites), figures=tuple(figures), short_answer_span=span,
                  refusal=None if answerable else {"code": "no_evidence"})


def _p(relation, *labels):
    from qa.parts import Part, Parts, Relation

    return Parts(Relation(relation), tuple(Part(f"What about {x}?", x) for x in labels))


def test_each_part_keeps_its_sentence_and_the_short_answer_is_the_labelled_pair():
    from qa.part_answers import join_parts

    a = _ans("The mayor promised a new quay. [1]", "a new quay", [_cite(1, "d1", 0)],
             span={"citation": 1, "start": 0, "end": 5})
    b = _ans("Before that [1]. The port director promised dredging. [2]", "dredging",
             [_cite(1, "d1", 0), _cite(2, "d2", 40)], span={"citation": 2, "start": 3, "end": 11})
    out = join_parts("q", _p("each", "the mayor", "the port director"), [a, b])
    assert out.answer == "The mayor promised a new quay. [1] Before that [1]. The port director promised dredging. [2]"
    assert [c.n for c in out.citations] == [1, 2] and out.citations[1].doc_id == "d2"
    assert out.short_answer == "the mayor: a new quay; the port director: dredging"
    assert out.short_answer_span == {"citation": 1, "start": 0, "end": 5}
    assert out.parts[1].span == {"citation": 2, "start": 3, "end": 11} and out.parts[1].label == "the port director"
    assert "parts" in out.to_dict() and Answer.from_dict(out.to_dict()).parts == out.parts


def test_a_part_the_articles_do_not_answer_is_named():
    from qa.part_answers import join_parts

    a = _ans("The quay opens in May. [1]", "May", [_cite(1, "d1", 0)])
    b = _ans("The articles don't say: no passage. The closest passage is: \u201cx\u201d [1]", None,
             [_cite(1, "d3", 7)], answerable=False)
    out = join_parts("q", _p("each", "the quay", "the dredging"), [a, b])
    assert out.answerable and out.short_answer == "May" and out.refusal is None
    assert "The articles do not answer the part about the dredging" in out.answer and out.answer.endswith("[2]")
    assert not out.parts[1].answerable


def test_compare_states_the_difference_only_from_two_figures():
    from qa.part_answers import join_parts

    fig = lambda v, n: Figure(value=f"{v:,}", low=float(v), high=float(v), speaker=None, kind="count", citation=n)  # noqa: E731
    a = _ans("About 1,200 jobs. [1]", "1,200", [_cite(1, "d1", 0)], [fig(1200, 1)])
    b = _ans("Some 900 jobs. [1]", "900", [_cite(1, "d2", 0)], [fig(900, 1)])
    out = join_parts("q", _p("compare", "the union's count", "the council's count"), [a, b])
    assert "larger than the one for the council's count (900), by 300." in out.answer
    c = _ans("It said the number was rising. [1]", "rising", [_cite(1, "d2", 0)])
    out = join_parts("q", _p("compare", "the union's count", "the council's count"), [a, c])
    assert "do not state how the two compare" in out.answer and "300" not in out.answer


def test_order_reads_the_two_dates():
    from qa.part_answers import join_parts

    a = _ans("The strike began in March 2021. [1]", "March 2021", [_cite(1, "d1", 0)])
    b = _ans("The bridge closed in June 2020. [1]", "June 2020", [_cite(1, "d2", 0)])
    out = join_parts("q", _p("order", "the strike", "the closure"), [a, b])
    assert out.answer.endswith("the closure (June 2020) came before the strike (March 2021).")
    assert out.short_answer == "the closure (June 2020)"
    # a month without a year takes the one year the question names; June before August 6 at any precision
    d = _ans("Talks began in June. [1]", "June", [_cite(1, "d3", 0)])
    e = _ans("The strike started on August 6. [1]", "August 6", [_cite(1, "d4", 0)])
    out = join_parts("Which came first in 2024, the strike or the talks?", _p("order", "the strike", "the talks"), [e, d])
    assert out.short_answer == "the talks (June 2024)" and "came before the strike (6 August 2024)" in out.answer
    out = join_parts("Which came first, the strike or the talks?", _p("order", "the strike", "the talks"), [e, d])
    assert "do not state which came first" in out.answer  # no year: no order
    c = _ans("The bridge closed after the storm. [1]", "after the storm", [_cite(1, "d2", 0)])
    assert "do not state which came first" in join_parts("q", _p("order", "the strike", "the closure"), [a, c]).answer


def test_no_part_answered_falls_back_to_the_whole_question():
    from qa.part_answers import join_parts

    refused = _ans("The articles don't say.", None, [], answerable=False)
    whole = _ans("Whole. [1]", "w", [_cite(1, "d1", 0)])
    assert join_parts("q", _p("each", "a", "b"), [refused, refused], whole=lambda: whole) is whole
    assert not join_parts("q", _p("each", "a", "b"), [refused, refused]).answerable


def test_a_part_whose_sentence_another_part_cites_is_asked_again_without_it():
    from qa.part_answers import answer_parts

    shared = _cite(1, "d1", 0, "The mayor promised a new quay.")
    own = _cite(1, "d2", 9, "The port director promised dredging.")
    asked = []

    def ask(part, avoid):
        asked.append((part.label, avoid))
        return _ans("x [1]", "x", [own if avoid else shared])

    out = answer_parts(_p("each", "the mayor", "the port director"), ask)
    assert [a.citations[0].doc_id for a in out] == ["d1", "d2"]
    assert asked[-1] == ("the port director", frozenset({("d1", 0)}))


def test_each_part_is_cited_end_to_end(engine_over):
    eng = engine_over({
        "quay.txt": "Harbour plans\n\nThe mayor promised the fishermen a new stone quay by next summer.\n"
                    "Work on the quay will be paid for by the regional fund.\n",
        "dredge.txt": "Channel works\n\nThe port director promised the fishermen that the silted channel "
                      "would be dredged in the autumn.\nBoats have run aground twice this year.\n",
    })
    ans = eng.ask("What did the mayor and the port director each promise the fishermen?")
    assert ans.answerable and "stone quay" in ans.answer and "dredged" in ans.answer
    assert {c.doc_id for c in ans.citations} >= {"quay", "dredge"} or len({c.doc_id for c in ans.citations}) >= 2
    assert [p.label for p in ans.parts] == ["the mayor", "the port director"]
    span = ans.short_answer_span
    quote = ans.citations[span["citation"] - 1].quote
    assert quote[span["start"]:span["end"]] in ans.short_answer
