"""Document references read as a scope (qa.docscope), on invented articles and questions."""
from __future__ import annotations

import numpy as np
import pytest

from index.types import Article
from qa.coverage import WordCache, scope_words, uncovered_terms
from qa.docscope import (Catalog, PartKind, RefKind, ScopeStatus, article_meta, content_text, dateline_outlet,
                         host_label, outlet_key, read_scope, scope_of)


def _articles() -> list[Article]:
    return [
        Article("a1", "Harbour council approves new ferry timetable", "The council voted on Monday.",
                outlet="Coastline Herald", date="2031-03-04"),
        Article("a2", "Bakery prices rise again", "Flour costs more.", source="Valley Gazette", date="2031-05"),
        Article("a3", "Storm closes mountain pass", "Snow fell overnight.", source="feeds/x.txt",
                url="https://www.ridgetimes.co.uk/news/storm", date="2031-05-20"),
        Article("a4", "Library opens late", "PORTVALE (Lakeshore Wire) - The library will open late.",
                source="notes/y.txt", date="2031-07-01"),
    ]


class _Data:
    pass


class _Sentence:
    def __init__(self, text):
        self.text = text


class _Store:
    def __init__(self, articles):
        self.data = _Data()
        self.articles = {a.id: a for a in articles}
        self.sentences, self._rows = [], {}
        for a in articles:
            for part in a.text.split(". "):
                self._rows.setdefault(a.id, []).append(len(self.sentences))
                self.sentences.append(_Sentence(part))

    def sentences_of(self, doc_id):
        return self._rows.get(doc_id, [])


@pytest.fixture()
def store():
    return _Store(_articles())


def test_outlet_names_come_from_metadata_url_host_and_dateline():
    metas = {m.doc_id: m for m in map(article_meta, _articles())}
    assert metas["a1"].outlets == {"coastlineherald"}
    assert metas["a2"].outlets == {"valleygazette"}  # a source that is a name, not a path
    assert metas["a3"].outlets == {"ridgetimes"}  # from the url host
    assert metas["a4"].outlets == {"lakeshorewire"}  # from the dateline credit
    assert metas["a3"].month == (2031, 5)
    assert outlet_key("The Coastline Herald") == "coastlineherald"
    assert host_label("https://edition.example.com/a") == "example"
    assert dateline_outlet("Just a first line without credit.") is None


def test_one_match_per_outlet(store):
    s = scope_of("Per the Coastline Herald, when did the council vote?", store)
    assert s.status is ScopeStatus.RESOLVED and s.doc_ids == ("a1",)
    assert [r.kind for r in s.references] == [RefKind.OUTLET]
    assert {"coastline", "herald"} <= s.words
    assert content_text("Per the Coastline Herald, when did the council vote?", s) == "When did the council vote?"


def test_url_host_outlet_written_with_spaces(store):
    s = scope_of("What closed, according to the Ridge Times piece?", store)
    assert s.doc_ids == ("a3",)


def test_several_matches_by_month_and_conjunction(store):
    s = scope_of("What rose in the May reports?", store)
    assert set(s.doc_ids) == {"a2", "a3"}
    assert "may" in s.words
    both = scope_of("Which items appear in the Coastline Herald and July stories?", store)
    assert set(both.doc_ids) == {"a1", "a4"}
    assert content_text("Which items appear in the Coastline Herald and July stories?", both) == \
        "Which items appear in the Coastline Herald stories?"


def test_no_match_is_unmet_and_keeps_its_words(store):
    s = scope_of("How many ferries run, per the Northern Ledger report?", store)
    assert s.status is ScopeStatus.UNMET and not s.doc_ids
    assert s.unmet[0].text == "Northern Ledger" and s.unmet[0].kind is RefKind.NAME
    assert "ledger" not in s.words
    december = scope_of("What does the December article say about flour?", store)
    assert december.status is ScopeStatus.UNMET and "december" not in december.words
    # a month and an outlet on one noun that name no article together
    assert scope_of("What did the July Valley Gazette report say?", store).status is ScopeStatus.UNMET


def test_title_words_resolve_only_when_they_single_out_few_articles(store):
    s = scope_of("Who voted, going by the Ferry story?", store)
    assert s.doc_ids == ("a1",) and s.references[0].kind is RefKind.TITLE


def test_a_name_in_the_lead_resolves(store):
    s = scope_of("When will the library open, per the Portvale story?", store)
    assert s.doc_ids == ("a4",) and s.references[0].kind is RefKind.TITLE


def test_not_a_reference(store):
    for q in ("What happened in May?", "Who gets credit for the bakery?", "Did the Valley Gazette reporter win?",
              "Valley Gazette reports that flour costs more"):
        assert scope_of(q, store).status is ScopeStatus.NONE, q


def test_parts_of_a_text():
    s = read_scope("Going by the photo credits and the caption, who took the picture?", None)
    assert s.parts == {PartKind.CREDIT, PartKind.CAPTION}
    assert {"credits", "photo", "caption"} <= s.words
    assert read_scope("Which subheadings survive?", None).parts == {PartKind.SUBHEADING}
    assert not read_scope("Who gets credit?", None).parts


def test_without_a_store_names_tied_to_a_document_noun_are_scope_words():
    assert {"orbit", "daily", "telling"} <= read_scope("In Orbit Daily's telling, the mayor resigned", None).words
    assert "zedville" in read_scope("Per Zedville Post, the mayor resigned", None).words
    assert not read_scope("In Zedville, the mayor resigned", None).words


class _Embedder:
    """Orthogonal-ish word vectors: no two distinct words are near, so only exact words cover."""

    def encode(self, words):
        out = []
        for w in words:
            v = np.random.default_rng(abs(hash(w)) % (2 ** 32)).normal(size=64)
            out.append(v / np.linalg.norm(v))
        return np.asarray(out, np.float32)


def test_scope_words_are_not_required_for_coverage(store):
    q = "According to the Valley Gazette, what did bakers charge for flour?"
    evidence = ["Bakers charge more for flour this spring."]
    words = WordCache(_Embedder())
    plain = uncovered_terms(q, evidence, words)
    assert "valley" in plain and "gazette" in plain
    scoped = uncovered_terms(q, evidence, words, ignore=scope_words(q, store))
    assert "valley" not in scoped and "gazette" not in scoped
    unmet = "According to the Harbour Bugle, what did bakers charge for flour?"
    assert "bugle" in uncovered_terms(unmet, evidence, words, ignore=scope_words(unmet, store))


def test_catalog_of_an_empty_store():
    assert Catalog(()).outlet_keys == frozenset()
    assert read_scope("", Catalog(())).status is ScopeStatus.NONE


A_TEXT = ("Bridge vote in Alden\n\nALDEN (Harbor Wire) - The Alden council approved four new footbridges on Tuesday. "
          "Residents said the works would take three years. The mayor praised the plan.\n")
B_TEXT = ("Council backs crossings\n\nBRISK (Valley Dispatch) - The Alden council approved six new footbridges on "
          "Tuesday, a councillor said. The works would take five years, residents said. Traders welcomed the plan.\n")


@pytest.fixture(scope="module")
def two_outlets(engine_over):
    return engine_over({"harbor.txt": A_TEXT, "valley.txt": B_TEXT})


def test_retrieval_ranks_the_named_outlets_article_first(two_outlets):
    from qa.retrieve import retrieve

    store = two_outlets.store
    for outlet, number in (("Harbor Wire", "four"), ("Valley Dispatch", "six")):
        q = f"Per {outlet}, how many footbridges did the Alden council approve?"
        top = retrieve(store, two_outlets.embedder, q).evidence[0]
        assert number in top.sentence.text, (q, top.sentence.text)
        ans = two_outlets.ask(q)
        assert ans.answerable and number in ans.citations[0].quote


def test_an_outlet_the_store_lacks_is_not_a_scope(two_outlets):
    scope = scope_of("Per the Ocean Ledger report, how many footbridges did the council approve?", two_outlets.store)
    assert scope.status is ScopeStatus.UNMET and scope.unmet[0].text == "Ocean Ledger"
    # a name after "per" is a person as often as an outlet: only the store's own outlets count there
    assert scope_of("Per the mayor Ann Ocean, how many footbridges?", two_outlets.store).status is ScopeStatus.NONE


def test_claim_focus_does_not_ask_the_evidence_for_the_text_named():
    from qa.claim_focus import focus_items, missing_focus

    claim = "In Orbit Daily's telling, the port bought cranes from Finland"
    assert ("orbit", True) in focus_items(claim)  # the parse reads the outlet as a place of the verb
    assert missing_focus(claim, ["The port bought cranes from Finland last year."]) is None
    # a place of the event is still asked for
    assert missing_focus("The port bought cranes in Rotterdam", ["The port bought cranes from Finland."]) == "rotterdam"


def test_content_text_takes_out_only_what_names_the_articles(store):
    q = "In the May reports, what rose?"
    assert content_text(q, scope_of(q, store)) == "In the reports, what rose?"
    kept = "How many ferries run, per the Northern Ledger report?"  # names no article: read as written
    assert content_text(kept, scope_of(kept, store)) == kept
