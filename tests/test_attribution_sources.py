"""Descriptive sources of a statement (qa.attribution.speaker_source) on invented sentences."""
from __future__ import annotations

import pytest

from qa.attribution import speaker_source
from qa.nlp import pipeline


@pytest.mark.parametrize("text, source, named", [
    ("According to Western intelligence assessments, the militia has about 5,000 fighters.", "Western intelligence assessments", True),
    ("According to Ukrainian and allied estimates, the militia has about 5,000 fighters.", "Ukrainian and allied estimates", True),
    ("According to U.S. estimates, the militia has about 5,000 fighters.", "U.S. estimates", True),
    ("South Korean officials said the militia has about 5,000 fighters.", "South Korean officials", True),
    # the author of a reporting noun
    ("According to estimates by the World Bank, 3,000 families lost their homes.", "World Bank", True),
    ("Estimates by the World Bank show that 3,000 families lost their homes.", "World Bank", True),
    ("The estimate, by Norwegian researchers, says 3,000 families lost their homes.", "Norwegian researchers", True),
    ("According to estimates from local authorities, 3,000 families lost their homes.", "local authorities", False),
    # a reporting noun as the main verb's subject
    ("U.S. estimates put the militia at about 5,000 fighters.", "U.S. estimates", True),
    # a name in apposition to a common noun
    ("Canadian outlet The Northern Ledger, citing officials, reported that 3,000 families lost their homes.", "Northern Ledger", True),
    ("The plant will close, according to local outlets Radio Norte and Vale Post, citing staff.", "Radio Norte and Vale Post", True),
    # no one in particular
    ("According to reports, 3,000 families lost their homes.", "reports", False),
    ("According to the union, 3,000 families lost their homes.", "union", False),
    ("Local estimates suggest 3,000 families lost their homes.", "Local estimates", False),
    ("Officials said 3,000 families lost their homes.", "Officials", False),
    ("The storm destroyed 3,000 homes.", None, False),
])
def test_descriptive_sources(text, source, named):
    assert speaker_source(pipeline()(text)) == (source, named)
