"""Who-questions answered by a source the sentence states in words, not by a name ("Military intelligence
sources assessed ...", "according to Nordic and allied estimates"). Invented text only."""
from __future__ import annotations

import pytest

CONVOY = """Aid convoy nears Port Vell

Military intelligence sources assessed that the aid convoy will likely reach Port Vell by Friday.
Mayor Ines Calder said the aid convoy would reach Port Vell soon, and the port would stay open.
According to Nordic and allied estimates, the convoy carries about 400 tonnes of grain.
Harbour master Olaf Brekke said the convoy carries grain and about 40 tonnes of medicine.
"""


@pytest.fixture(scope="module")
def convoy(engine_over):
    return engine_over({"convoy.txt": CONVOY})


def test_who_judged_is_the_source_in_words(convoy):
    ans = convoy.ask("Who judged that the aid convoy will probably reach Port Vell by Friday?")
    assert ans.answerable and ans.short_answer == "Military intelligence sources"


def test_whose_estimates_is_the_source_after_according_to(convoy):
    ans = convoy.ask("Whose estimates put the grain the convoy carries at about 400 tonnes?")
    assert ans.answerable and "Nordic and allied estimates" in ans.short_answer
