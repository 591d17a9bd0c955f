"""The unseen gold set seeds/gold_v3.jsonl (issues 10 and 11) is well formed (fast, no models).

Checks only the file itself, never the engine's answers: it loads with the loader ``factqa eval
--gold`` uses, every item is marked ``set: v3`` with a ``style``, every evidence string occurs
verbatim in its source article (raw file and the cleaned text citations point into), every gold
answer matches its own aliases, and the kinds and verdicts the issues ask for are all present.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from index.clean import clean_text
from index.loaders import load_paths
from qa.eval.evaluate import load_gold
from qa.eval.metrics import alias_match

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
GOLD_V3 = SEEDS / "gold_v3.jsonl"
ITEMS = load_gold(GOLD_V3)
QUESTION_STYLES = {"who-which", "where-when", "why-how", "list", "short-typo", "paraphrase", "present",
                   "figure", "hard-unanswerable"}
CLAIM_STYLES = {"claim-verbatim", "claim-paraphrase"}
FURNITURE = ("Advertisement", "ADVERTISEMENT", "Source link", "Leave a Reply", "Related Posts")


@pytest.fixture(scope="module")
def texts() -> dict[str, tuple[str, str]]:
    """doc id -> (raw article text before any 'Related Posts' footer, cleaned text)."""
    out = {}
    for p in SEEDS.glob("*.txt"):
        raw = p.read_text(encoding="utf-8")
        out[p.stem] = (raw.split("Related Posts", 1)[0], clean_text(raw).text)
    return out


def test_every_item_is_marked_v3_with_a_known_style():
    ids = [it["id"] for it in ITEMS]
    assert len(ids) == len(set(ids))
    for it in ITEMS:
        assert it["id"].startswith("g3-") and it.get("set") == "v3", it["id"]
        styles = CLAIM_STYLES if it["kind"] == "claim" else QUESTION_STYLES
        assert it.get("style") in styles, (it["id"], it.get("style"))
        assert (it["style"] == "hard-unanswerable") == (it["kind"] == "unanswerable"), it["id"]


def test_kinds_and_verdicts_cover_what_the_issues_ask_for():
    questions = [it for it in ITEMS if it["kind"] != "claim"]
    assert len(questions) >= 60
    assert sum(it["kind"] == "unanswerable" for it in ITEMS) >= 15
    assert sum(it["kind"] == "list" for it in ITEMS) >= 5
    assert len(QUESTION_STYLES - {it["style"] for it in questions}) == 0
    verdicts = Counter(it["verdict"] for it in ITEMS if it["kind"] == "claim")
    assert sum(verdicts.values()) >= 15
    assert set(verdicts) == {"supported", "refuted", "conflicting", "not_enough_evidence"}, verdicts


def test_answerable_items_and_claims_carry_evidence_unanswerables_none():
    for it in ITEMS:
        if it["kind"] == "unanswerable":
            assert it["aliases"] == it["sources"] == it["evidence"] == [], it["id"]
        elif it["kind"] in ("factoid", "list") or it["verdict"] != "not_enough_evidence":
            assert it["sources"] and it["evidence"], it["id"]
        if it["kind"] in ("factoid", "list"):
            assert it["aliases"], it["id"]
        if it["kind"] == "list":
            assert it["all_aliases"] and len(it["aliases"]) >= 2, it["id"]
        assert it["verdict"] is None or it["verdict"] not in it["accept"], it["id"]


def test_gold_answer_and_evidence_match_the_aliases():
    """The written answer passes the scorer, and the cited evidence holds the answer."""
    for it in ITEMS:
        if it["kind"] in ("factoid", "list"):
            assert alias_match(it["answer"], it["aliases"], it["all_aliases"]), it["id"]
            assert alias_match(" ".join(it["evidence"]), it["aliases"], it["all_aliases"]), it["id"]


@pytest.mark.parametrize("item", [it for it in ITEMS if it["evidence"]], ids=lambda it: it["id"])
def test_evidence_is_verbatim_article_text(item, texts):
    for ev in item["evidence"]:
        assert "\n" not in ev and not any(f in ev for f in FURNITURE), (item["id"], ev)
        assert all(d in texts for d in item["sources"]), (item["id"], item["sources"])
        assert any(ev in texts[d][0] and ev in texts[d][1] for d in item["sources"]), (item["id"], ev)


def test_the_gold_file_is_not_indexed_as_articles():
    loaded = load_paths([SEEDS])
    assert loaded.errors == []
    assert sorted(a.id for a in loaded.articles) == sorted(p.stem for p in SEEDS.glob("*.txt"))
