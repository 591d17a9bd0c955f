"""Pure rendering of answers into chat HTML: escaping, anchors, badges, figures (fast, no models)."""
from __future__ import annotations

import re

import pytest

from qa.types import Answer, Citation, Figure
from ui import render

DOC = "d1"
TEXT = ("Headline about troops\n\n"
        "First paragraph. Washington estimated that 11,000 soldiers were deployed. More context follows here.\n\n"
        "A second paragraph that is not cited.")
QUOTE = "Washington estimated that 11,000 soldiers were deployed."
START = TEXT.index(QUOTE)
XSS = ['<script>window.__xss=1</script>', '<img src=x onerror="window.__xss=1">', "[click](javascript:window.__xss=1)"]


def cite(n=1, doc=DOC, quote=QUOTE, start=START, title="Troops in Kursk", **kw) -> Citation:
    return Citation(n=n, doc_id=doc, title=title, chunk_id=f"{doc}#0", quote=quote, start=start,
                    end=start + len(quote), score=0.8, **kw)


def ask(answer="About 11,000 [1].", citations=(), figures=(), answerable=True, query=None, question="How many?"):
    return Answer(question=question, mode="ask", answer=answer, short_answer=None, answerable=answerable,
                  verdict=None, figures=tuple(figures), citations=tuple(citations), query=query)


def check(verdict, citations=(), reason="because"):
    return Answer(question="A claim", mode="check", answer="x", short_answer=None, answerable=True,
                  verdict=verdict, citations=tuple(citations), reason=reason)


def visible_tags(html: str) -> set[str]:
    return {t.lower() for t in re.findall(r"<\s*([a-zA-Z]+)", html)}


# -- escaping ----------------------------------------------------------------------------------
@pytest.mark.parametrize("payload", XSS)
def test_esc_leaves_no_markup_or_link_syntax(payload):
    out = render.esc(payload)
    assert not re.search(r"[<>\[\]()\"'`]", out)


def test_esc_round_trips_as_text():
    import html

    s = 'A & B <b> "q" \'s\' [1](x) $5 *em* _u_ `c` #h | ~'
    assert html.unescape(render.esc(s)) == s


def test_esc_removes_newlines():
    assert "\n" not in render.esc("a\n\nb\nc")


def test_xss_in_title_quote_question_and_answer_is_inert():
    text = f"Intro\n\n{XSS[0]} {XSS[1]} {XSS[2]} The flag is purple.\n\nEnd"
    quote = "The flag is purple."
    c = cite(quote=quote, start=text.index(quote), title=XSS[1], outlet=XSS[0], date="2024-11")
    a = ask(answer=f"{XSS[0]} purple [1] {XSS[2]}", citations=[c], question=XSS[1], query=XSS[2],
            figures=[Figure("1", 1, 1, XSS[0], "count", 1), Figure("2", 2, 2, XSS[1], "count", 1)])
    out = render.answer_html(a, {DOC: text}, "m1")
    assert visible_tags(out) <= {"div", "span", "a", "mark", "blockquote", "table", "thead", "tbody", "tr", "th", "td"}
    assert "<img" not in out and "<script" not in out and "](" not in out
    assert 'href="javascript' not in out


def test_user_message_is_escaped():
    assert "<script" not in render.user_html(XSS[0])
    assert "<img" not in render.claim_user_html(XSS[1])


def test_html_has_no_newlines_so_markdown_never_applies_inside():
    c = cite()
    assert "\n" not in render.answer_html(ask(citations=[c], answer="Line one.\n\nLine two [1]."), {DOC: TEXT}, "m1")


# -- citations and anchors ---------------------------------------------------------------------
def test_marker_links_to_its_card():
    out = render.answer_html(ask(citations=[cite()]), {DOC: TEXT}, "m1")
    assert 'href="#cite-m1-1"' in out
    assert 'id="cite-m1-1"' in out


def test_unknown_marker_is_left_as_text():
    out = render.linkify("Fact [7].", "m1", [cite()])
    assert "cite-m1-7" not in out
    assert "&#91;7&#93;" in out


def test_anchors_are_unique_per_message():
    a = ask(citations=[cite()])
    assert 'id="cite-a-1"' in render.answer_html(a, {DOC: TEXT}, "a")
    assert 'id="cite-b-1"' in render.answer_html(a, {DOC: TEXT}, "b")


def test_bad_msg_id_is_rejected():
    with pytest.raises(ValueError, match="msg_id"):
        render.anchor('x" onclick="y', 1)


def test_passage_marks_quote_inside_its_paragraph():
    out = render.passage(TEXT, cite())
    assert out == f"First paragraph. <mark>{render.esc(QUOTE)}</mark> More context follows here."


def test_passage_falls_back_to_quote_when_offsets_do_not_match():
    assert render.passage(TEXT, cite(start=3)) == f"<mark>{render.esc(QUOTE)}</mark>"
    assert render.passage(None, cite()) == f"<mark>{render.esc(QUOTE)}</mark>"


def test_long_paragraph_is_trimmed_around_the_quote():
    text = "word " * 400 + QUOTE + " tail" * 400
    out = render.passage(text, cite(start=text.index(QUOTE)), limit=200)
    assert out.startswith("… ") and out.endswith(" …")
    assert len(out) < 600


def test_card_shows_title_outlet_and_month():
    out = render.citation_card(cite(outlet="UPI", date="2024-11"), "m1", TEXT)
    assert "Troops in Kursk" in out and "UPI · Nov 2024" in out


@pytest.mark.parametrize("date,shown", [("2024-11", "Nov 2024"), ("2024-11-05", "Nov 2024"), ("2024", "2024"),
                                        (None, None), ("last week", "last week")])
def test_month(date, shown):
    assert render.month(date) == shown


# -- verdicts ----------------------------------------------------------------------------------
@pytest.mark.parametrize("verdict,label", [("supported", "Supported"), ("refuted", "Refuted"),
                                           ("conflicting", "Conflicting"),
                                           ("not_enough_evidence", "Not enough evidence")])
def test_badge_per_verdict(verdict, label):
    out = render.answer_html(check(verdict), {}, "m1")
    assert f'class="fq-badge fq-v-{verdict}"' in out
    assert label in out


def test_check_groups_evidence_by_stance_with_reasons():
    cs = [cite(1, stance="supports", reason="same number"), cite(2, stance="refutes", reason="gives 10,000")]
    out = render.answer_html(check("conflicting", cs), {DOC: TEXT}, "m1")
    assert out.index("Evidence for") < out.index('id="cite-m1-1"') < out.index("Evidence against")
    assert out.index("Evidence against") < out.index('id="cite-m1-2"')
    assert "same number" in out and "gives 10,000" in out
    assert "fq-stance-refutes" in out


# -- ask answers -------------------------------------------------------------------------------
def test_unanswerable_is_a_notice_not_an_error():
    a = ask(answer="The articles don't say: none of the indexed articles answers this.", answerable=False)
    out = render.answer_html(a, {}, "m1")
    assert "fq-notice" in out and "fq-notice-warn" not in out
    assert out.count("The articles don&#39;t say") == 1


def test_answerable_flag_not_the_wording_decides_the_notice():
    refused = render.answer_html(ask(answer="Nothing here about ferries.", answerable=False), {}, "m1")
    answered = render.answer_html(ask(answer="The articles don't say much, but 40 ferries [1].", answerable=True,
                                      citations=[cite()]), {TEXT: TEXT}, "m1")
    assert "fq-unanswerable" in refused and "Nothing here about ferries." in refused
    assert "fq-unanswerable" not in answered and "fq-notice" not in answered


@pytest.mark.skipif("refusal" not in Answer.__dataclass_fields__, reason="Answer.refusal comes with the core branch")
def test_typed_refusal_is_rendered_from_its_message_not_the_answer_text():
    a = Answer(question="q", mode="ask", answer="ignored wording", short_answer=None, answerable=False, verdict=None,
               refusal={"code": "no_figure", "missing": ["ferries"], "available": [], "answer_type": None,
                        "message": "no article gives a figure for ferries"})
    out = render.answer_html(a, {}, "m1")
    assert "No article gives a figure for ferries." in out and "ignored wording" not in out
    assert "fq-refusal-no-figure" in out


def test_card_title_opens_the_reader_with_all_cited_spans_of_that_article():
    other = "A second paragraph that is not cited."
    c1, c2 = cite(1), cite(2, quote=other, start=TEXT.index(other))
    c3 = cite(3, doc="d2", quote="Elsewhere.", start=0)
    out = render.answer_html(ask(citations=[c1, c2, c3]), {DOC: TEXT}, "m1")
    s1, s2 = (c1.start, c1.end), (c2.start, c2.end)
    assert f'href="{render.esc(f"#read=d1&at={s1[0]}-{s1[1]}&marks={s1[0]}-{s1[1]},{s2[0]}-{s2[1]}")}"' in out
    assert f'href="{render.esc("#read=d2&at=0-10&marks=0-10")}"' in out


def test_read_link_percent_encodes_the_doc_id():
    href = render.read_href('a b/"<x>&at=1', (1, 2))
    assert href == "#read=a%20b%2F%22%3Cx%3E%26at%3D1&at=1-2"


def test_figure_cells_carry_labels_for_the_phone_layout():
    figs = [Figure("1", 1, 1, "A", "count", 1), Figure("2", 2, 2, "B", "count", 1)]
    out = render.figures_table(figs, [cite()], "m1")
    assert out.count('<span class="fq-td-label">Who said it</span>') == 2


def test_follow_up_note_names_the_figure_it_was_read_against():
    from qa.followup import Turn

    about = Turn(question="How many ferries sail?", figure="40", speaker="the port authority", outlet="Daily",
                 date="2023-05")
    out = render.answer_html(ask(query="who said 40 ferries?", question="who said that?"), {}, "m1", about)
    assert "about 40, the port authority · Daily · May 2023" in out


def test_footer_reports_stages_with_engine_timings():
    a = Answer(question="q", mode="ask", answer="x [1]", short_answer=None, answerable=True, verdict=None,
               citations=(cite(),), retrieved=("d1", "d2"),
               timings_ms={"retrieve": 12.0, "answer": 5.0, "total": 20.0})
    stages = render.esc("searched 2 articles (12 ms) · cited 1 passage (5 ms) · total 20 ms")
    assert f'<div class="fq-foot">{stages}</div>' in render.answer_html(a, {}, "m1")


def test_note_is_escaped_and_capitalised():
    assert render.note_html("the question is <b>long</b>") == (
        '<div class="fq-note" role="alert">The question is &#60;b&#62;long&#60;/b&#62;</div>')
    assert render.note_html("") == ""


def test_rewritten_query_shown_only_when_different():
    q = "how many were wounded in Kursk?"
    assert render.esc(q) in render.answer_html(ask(query=q), {}, "m1")
    assert "fq-query" not in render.answer_html(ask(query=None), {}, "m1")


def test_figures_table_needs_two_figures():
    c = cite(outlet="UPI")
    one = [Figure("11,000", 11000, 11000, "Washington", "estimate", 1)]
    assert render.figures_table(one, [c], "m1") == ""
    two = one + [Figure("100,000", None, 100000, "Zelensky", "projection", 1, hedge="may")]
    out = render.figures_table(two, [c], "m1")
    assert out.count("<tr>") == 3
    assert "Washington" in out and "Zelensky" in out
    assert "fq-kind-estimate" in out and "fq-kind-projection" in out
    assert 'href="#cite-m1-1"' in out and "UPI" in out


def test_figure_without_speaker_or_source():
    out = render.figures_table([Figure("1", 1, 1, None, "count", 9), Figure("2", 2, 2, None, "count", 9)], [], "m")
    assert out.count("—") == 4


def test_partial_never_shows_half_a_marker():
    a = ask(answer="About 11,000 [12] more.", citations=[cite(12)])
    out = render.partial_html(a, len("About 11,000 [1"), "m1")
    assert "&#91;" not in out and "cite-m1-12" not in out


# -- side panel --------------------------------------------------------------------------------
def test_corpus_lists_articles_newest_first():
    rows = [{"id": "a", "title": "Old", "outlet": "UPI", "date": "2024-10", "chunks": 3},
            {"id": "b", "title": XSS[0], "outlet": None, "date": "2024-12", "chunks": 1}]
    out = render.corpus_html(rows)
    assert "2 articles · 4 chunks" in out
    assert out.index("Dec 2024") < out.index("Old")
    assert "<script" not in out and "1 chunk<" in out


def test_upload_report_names_rejections():
    out = render.upload_html(["n1"], [], [], [], ["big.txt: 12.0 MB is over the 10 MB limit for one file"], [],
                             {"n1": "New <b>title</b>"})
    assert "Indexed 1 article" in out and "New &#60;b&#62;title" in out
    assert "Rejected" in out and "big.txt: 12.0 MB is over the 10 MB limit" in out
