"""The article reader's HTML: whole article, cited spans marked, offsets checked, text escaped (no models)."""
from __future__ import annotations

from ui import reader

TEXT = ("Ferry report\n\nThe harbour master said 40 ferries sail daily. Crews disagree.\n\n"
        "Unions counted 35 ferries <script>alert(1)</script> on Monday.\n\nNothing else.")
S1 = TEXT.index("The harbour")
E1 = TEXT.index("Crews") - 1
S2 = TEXT.index("Unions")
E2 = TEXT.index("\n\nNothing")


def test_main_span_and_other_cited_spans_are_marked():
    out = reader.article_html("d", "Ferries", TEXT, marks=[[S1, E1], [S2, E2]], at=[S2, E2])
    assert out.count('<mark class="fq-hit fq-hit-main">') == 1
    assert out.count('<mark class="fq-hit">') == 1
    assert '<mark class="fq-hit">The harbour master said 40 ferries sail daily.</mark>' in out
    assert "2 cited sentences marked" in out


def test_every_paragraph_is_shown_and_text_is_escaped():
    out = reader.article_html("d", "<b>Ferries</b>", TEXT)
    assert out.count("<p>") == 4
    assert "<script" not in out and "&#60;script&#62;" in out and "&#60;b&#62;Ferries" in out
    assert "No sentence of it cited yet" in out


def test_bad_spans_are_dropped_and_overlaps_merged():
    assert reader.clean_spans([[5, 3], [-1, 4], [0, 10_000], ["x", 1], [1], [2, 6], [4, 9]], 100) == [(2, 9)]


def test_marks_are_capped():
    spans = [[i, i + 1] for i in range(0, 2 * reader.MAX_MARKS + 10, 2)]
    assert len(reader.clean_spans(spans, 10_000)) == reader.MAX_MARKS


def test_missing_article_says_so():
    out = reader.missing_html("<gone>")
    assert "no longer in the store" in out and "<gone>" not in out
