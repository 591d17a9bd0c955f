"""List questions gather their items from several sentences and articles (qa.gather.gather_items), not only
from the best window; a sentence that shares no word with the question adds nothing. Invented text only."""
from __future__ import annotations

from dataclasses import replace

import pytest


NORTH = """Strike spreads along the coast

Dockers in Varna walked out of the container terminal on Monday, the union said.
The union also said dockers in Tolmin joined the strike at the grain terminal on Tuesday.
The weather in Brava stayed calm all week.
"""
SOUTH = """Southern ports halt

Dockers in Kessel joined the strike at the ferry terminal on Wednesday, local radio reported.
Officials promised talks with the union.
"""


@pytest.fixture(scope="module")
def ports(engine_over):
    return engine_over({"north.txt": NORTH, "south.txt": SOUTH})


QUESTION = "Which towns had dockers on strike?"


def test_a_list_gathers_items_beyond_the_best_window(ports):
    ans = ports.ask(QUESTION)
    assert ans.answerable
    for town in ("Tolmin", "Kessel", "Varna"):  # Varna: a second sentence of an article already cited
        assert town in ans.short_answer
        assert any(town in c.quote for c in ans.citations)
    assert "Brava" not in ans.short_answer  # shares no word with the question


def test_without_gathering_the_list_misses_an_item(ports):
    eng = ports
    old = eng.config
    try:
        eng.config = replace(old, list_sentences=0)
        ans = eng.ask(QUESTION)
    finally:
        eng.config = old
    assert "Varna" not in (ans.short_answer or "")  # the best window holds one sentence per article
