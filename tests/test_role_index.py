"""qa.role_check reads the articles through an index (RoleTextIndex) with the same answers as reading
every sentence: an invented store of sentences with roles in many spellings."""
from __future__ import annotations

import re

import pytest

from index.types import Sentence
from qa.config import DEFAULT
from qa.parse import question_doc
from qa.role_check import RoleTextIndex, check_role, role_text_index

TEXTS = [
    "Freedonia's Defence Minister Ana Costa visited the northern base on Monday.",
    "The defense ministers of Sylvania and Borduria met in Lorn.",
    "Officials ADMINISTERED the vaccine to 300 patients.",
    "Zoë Brandt, Sylvania’s minister of defence, declined to comment.",  # a non-ASCII word character
    "Ruritania’s Ambassador to the Republic of Palau presented her credentials.",
    "The zoo\u212aeeper fed the lions",  # the Kelvin sign: re.IGNORECASE reads it as "k"
    "A \u212aEEPER of the records, Ivo Marsh, said the archive was closed.",
    "Ministerial talks resumed; the Minister-President spoke first.",
    "Acme's Chief Executive Lena Ortiz said sales fell.",
    "The harbour's chief executive officer resigned in March.",
    "Its spokesman, Tomas Vell, said nothing about the ambassador.",
    "The keepers’ union said its chief would speak.",
    "ſpokeſman Olaf Grün read a statement.",  # the long s: re.IGNORECASE reads it as "s"
    "No role is named in this sentence at all.",
    "Gondor's PRESIDENTS have all been generals.",
    "The Presidentship passed to the vice president of Arnor.",
]

QUESTIONS = [
    "Who is Freedonia's defence minister?", "Who is Sylvania's defence minister?", "Who is Borduria's minister?",
    "Who is the ambassador of Ruritania to Palau?", "Who is Norway's ambassador?", "Who is Acme's chief executive?",
    "Who is the harbour's executive?", "Who is Gondor's president?", "Who is Arnor's president?",
    "Who is the archive's keeper?", "Who is the union's keeper?", "Who is Velden's spokesman?",
    "Who is Mordor's quartermistress?",
]


@pytest.fixture(scope="module")
def sentences() -> list[Sentence]:
    return [Sentence(f"d{i}:c0:s0", f"d{i}", f"d{i}:c0", 0, 0, len(t), t) for i, t in enumerate(TEXTS)]


def test_index_and_scan_give_the_same_answers(sentences):
    for q in QUESTIONS:
        doc = question_doc(q)
        assert check_role(doc, [], DEFAULT, sentences=sentences) == check_role(doc, [], DEFAULT, (s.text for s in sentences)), q


def test_candidates_hold_every_sentence_that_uses_the_role(sentences):
    index = RoleTextIndex.build(s.text for s in sentences)
    for role in ("minister", "ambassador", "executive", "keeper", "president", "spokesman", "chief", "s", "quartermistress"):
        uses = [i for i, t in enumerate(TEXTS) if re.search(rf"\b{re.escape(role)}s?\b", t, re.I)]
        rows = index.candidates(role)
        assert rows == sorted(set(rows)) and set(uses) <= set(rows), role
    assert 5 in index.candidates("keeper") and 12 in index.candidates("spokesman")  # the Kelvin sign, the long s
    assert len(index.candidates("quartermistress")) < len(TEXTS)  # an index: not every sentence is read
    assert index.candidates("defence-minister") is None and index.candidates("ministre\u0301") is None  # reads all


def test_one_index_per_sentence_list(sentences):
    first = role_text_index(sentences)
    assert role_text_index(sentences) is first
    other = list(sentences)  # a reloaded store: a new list
    assert role_text_index(other) is not first
