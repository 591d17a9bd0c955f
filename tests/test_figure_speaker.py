"""A figure's source named in the sentence before or after it (qa.select.figure_speaker), on invented text."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from qa.parse import FrameCache
from qa.reader import Reader
from qa.select import _agent_of, figure_speaker


class _Store:
    """Articles split into sentences on '|' (paragraph breaks stay in the article text)."""

    made = 0

    def __init__(self, articles: dict[str, str]) -> None:
        self.sentences, self._texts, self._rows = [], {}, {}
        _Store.made += 1  # sentence ids unique per store: the frame cache is keyed by them
        for doc_id, raw in articles.items():
            text, pos = raw.replace("|", " "), 0
            self._texts[doc_id] = text
            for k, part in enumerate(raw.split("|")):
                body = part.strip()
                start = text.index(body, pos)
                pos = start + len(body)
                self._rows.setdefault(doc_id, []).append(len(self.sentences))
                self.sentences.append(SimpleNamespace(id=f"{_Store.made}-{doc_id}:s{k}", doc_id=doc_id, text=body, start=start, end=pos))

    def sentences_of(self, doc_id: str) -> list[int]:
        return self._rows.get(doc_id, [])

    def article_text(self, doc_id: str) -> str | None:
        return self._texts.get(doc_id)


@pytest.fixture(scope="module")
def cache():
    return FrameCache()


def _label(cache, articles: dict[str, str], row: int) -> str | None:
    sp = figure_speaker(Reader(_Store(articles), cache), row)
    return sp.label if sp else None


def test_definite_description_takes_the_name_from_the_sentence_before(cache):
    arts = {"a": "According to a report by the Harlow Freight Agency, dock traffic fell sharply last week.|"
                 "The agency said 240 lorries were turned away at the gates."}
    assert "Harlow Freight Agency" in _label(cache, arts, 1)


def test_unattributed_figure_continues_the_statement_before_it(cache):
    arts = {"a": "The Harlow Freight Agency said dock traffic fell sharply last week.|"
                 "Another 240 lorries were turned away at the gates on Friday."}
    assert "Harlow Freight Agency" in _label(cache, arts, 1)


def test_unsourced_report_takes_the_source_named_in_the_next_sentence(cache):
    arts = {"a": "Reports emerged on Tuesday of 240 lorries turned away at the docks.\n\n|"
                 "The lorries were stopped near the eastern gate, the Harlow Freight Agency reported."}
    assert "Harlow Freight Agency" in _label(cache, arts, 0)


def test_own_speaker_is_kept(cache):
    arts = {"a": "The Harlow Freight Agency said dock traffic fell sharply last week.|"
                 "Port officials said 240 lorries were turned away at the gates."}
    assert _label(cache, arts, 1) == "Port officials"


def test_no_continuation_across_a_paragraph_or_an_article(cache):
    arts = {"a": "The Harlow Freight Agency said dock traffic fell sharply last week.\n\n|"
                 "Another 240 lorries were turned away at the gates on Friday.",
            "b": "Another 240 lorries were turned away at the gates on Friday."}
    assert _label(cache, arts, 1) is None
    assert _label(cache, arts, 2) is None


def test_description_without_its_noun_before_keeps_its_own_label(cache):
    arts = {"a": "Mayor Lena Osk said dock traffic fell sharply last week.|"
                 "The agency said 240 lorries were turned away at the gates."}
    assert "Osk" not in (_label(cache, arts, 1) or "")


def test_agent_nouns_count_the_doers_of_their_verb():
    assert _agent_of("deserter", frozenset({"soldier", "desert"}))
    assert _agent_of("protester", frozenset({"protest"}))
    assert not _agent_of("worker", frozenset({"desert", "soldier"}))
    assert not _agent_of("order", frozenset({"ord"}))  # too short a stem


def test_name_in_apposition_to_the_of_object_is_the_label():
    from qa.attribution import find_speaker

    label = find_speaker("The ferries were held at the quay for two days, the state radio company of Norland, "
                         "Radiona, reported.")
    assert label == "Radiona"
