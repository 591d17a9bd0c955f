"""Causes of false refusals of answerable questions (session 13, issue 10), one general rule per test, on
invented text (nothing from the seeds or the benchmarks)."""
from __future__ import annotations

from qa.names import CorpusNames
from qa.parse import question_frame

TEXTS = ["Mayor Irene Castell said the harbour dam would hold below the flood threshold.",
         "Dockworkers at the port of Velmar stayed away from the cranes on Tuesday."]


# --- 1. question words, numbers and uncased questions are not names the corpus must mention -----------
def test_wh_word_read_as_a_person_is_not_a_name():
    qf = question_frame("Whom did Lagos's port authority blame for the delays?")
    assert "Whom" not in qf.constraint_names() and "Lagos" in qf.constraint_names()


def test_number_shorthand_is_not_a_name():
    assert question_frame("mendoza 100k in 1 yr?").constraint_names() == []


def test_lowercase_multiword_name_is_checked_word_by_word():
    names = CorpusNames(TEXTS)
    assert names.missing(["castell dam limit"]) == []  # an uncased question: one known word is enough
    assert names.missing(["zorbak quillet"]) == ["zorbak quillet"]  # none known: still missing
    assert names.missing(["Castell Limit"]) == ["Castell Limit"]  # a cased name keeps the strict rule
