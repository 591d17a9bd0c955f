"""The cleaner removes scraped furniture and keeps article sentences."""
import pytest

from index.clean import clean_text
from index.segment import split_sentences

FURNITURE = ["Advertisement", "ADVERTISEMENT", "Source link", "Source Link", "Leave a Reply", "Leave A Reply",
             "marked *", "cookies", "by Admin", "Visited 1 times", "Related Posts", "ExxonMobil", "Venezuela",
             "License Photo", "You may also like", "Leave a Comment", "Read More:"]


@pytest.mark.parametrize("word", FURNITURE)
def test_no_chunk_of_the_seed_corpus_contains_furniture(store, word):
    for c in store.chunks:
        assert word not in c.text, (word, c.id)


def test_no_bare_digit_lines(store):
    for a in store.articles.values():
        assert all(not p.strip().isdigit() for p in a.text.split("\n\n")), a.id


def test_glued_advertisement_is_cut_but_sentence_kept():
    c = clean_text("Title\n\nThe war was launched in February 2022. Advertisement\n\nMore text here.")
    assert "The war was launched in February 2022." in c.text
    assert "Advertisement" not in c.text


def test_related_posts_footer_and_after_removed():
    c = clean_text("Title\n\nA sentence of the article.\n\n  • Related Posts\n\nOther story about oil.\n")
    assert c.text == "Title\n\nA sentence of the article."


def test_article_sentences_survive(store):
    text = store.articles["004_ec5705228f2603a2"].text
    assert "According to Ukrainian and allied estimates, North Korea has sent about 12,000 soldiers to Russia." in text
    assert "Reports claim that 12,000 troops have already been sent" in text


def test_captions_are_kept_and_marked(store):
    caps = [s for s in store.sentences if s.caption]
    texts = " ".join(s.text for s in caps)
    assert "Protesters stage a rally" in texts
    assert "In this photo provided by the North Korean government" in texts
    assert not any("Washington has estimated" in s.text for s in caps)


def test_repeated_headline_dropped(store):
    text = store.articles["001_c3fa321088b797c0"].text
    assert text.count("North Korea joined Russia in its war against Ukraine, Zelenskyy says") == 1


@pytest.mark.parametrize("text,n", [
    ("The U.S. State Department confirmed it. It was Monday.", 2),
    ("Lt. Gen. Kyrylo Budanov said so. Then he left.", 2),
    ("North Korea maintains around 1.28 million active troops, according to a paper.", 1),
    ("He met Mr. Kim in Pyongyang. They talked.", 2),
    ("“This contingent may grow to 100,000.” Zelensky said.", 2),
    ("First paragraph without period\n\nSecond paragraph.", 2),
])
def test_sentence_segmentation(text, n):
    spans = split_sentences(text)
    assert len(spans) == n, [text[s:e] for s, e in spans]
    for s, e in spans:
        assert text[s:e] == text[s:e].strip() and text[s:e]
