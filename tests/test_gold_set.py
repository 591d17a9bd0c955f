"""Sanity checks for the gold evaluation set seeds/gold.jsonl (fast, no models)."""
from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
GOLD = SEEDS / "gold.jsonl"

KINDS = {"factoid", "list", "unanswerable", "claim"}
VERDICTS = {"supported", "refuted", "conflicting", "not_enough_evidence"}
ANSWERABLE = {"factoid", "list"}
FURNITURE = (
    "Advertisement",
    "ADVERTISEMENT",
    "Source link",
    "Leave a Reply",
    "cookies",
    "by Admin",
    "ExxonMobil",
    "Venezuela",
)
# Everything from this marker on (the 004 footer about other stories) is not article text.
FOOTER_MARKER = "Related Posts"


def evidence_in(text: str, evidence: str) -> bool:
    """True if `evidence` occurs verbatim in `text` (reusable for raw or cleaned text)."""
    return bool(evidence) and evidence in text


def article_body(text: str) -> str:
    """Raw text without the trailing 'Related Posts' footer, if any."""
    return text.split(FOOTER_MARKER, 1)[0]


def _norm(s: str) -> str:
    """Lower-case and drop thousands separators ("11,000" -> "11000")."""
    s = s.lower()
    return re.sub(r"(?<=\d),(?=\d{3}\b)", "", s)


def alias_hit(answer: str, alias: str) -> bool:
    a = _norm(answer)
    return any(_norm(alt).strip() and _norm(alt).strip() in a for alt in alias.split("|"))


def load_items() -> list[dict]:
    items = []
    with GOLD.open(encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            obj = json.loads(line)
            assert isinstance(obj, dict), f"line {n} is not an object"
            items.append(obj)
    return items


ITEMS = load_items()


def _ids(items):
    return [it.get("id", "?") for it in items]


@pytest.fixture(scope="module")
def texts() -> dict[str, str]:
    return {p.stem: p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")}


def test_parses_and_size():
    assert len(ITEMS) >= 80


def test_ids_unique():
    dup = [k for k, v in Counter(_ids(ITEMS)).items() if v > 1]
    assert not dup, dup


def test_required_fields_and_kinds():
    for it in ITEMS:
        for key in ("id", "kind", "question", "answer", "aliases", "sources", "evidence"):
            assert key in it, (it.get("id"), key)
        assert isinstance(it["id"], str) and it["id"]
        assert it["kind"] in KINDS, it["id"]
        assert isinstance(it["question"], str) and it["question"].strip(), it["id"]
        assert isinstance(it["answer"], str), it["id"]
        for key in ("aliases", "sources", "evidence"):
            assert isinstance(it[key], list), (it["id"], key)
            assert all(isinstance(x, str) and x.strip() for x in it[key]), (it["id"], key)
        if "all_aliases" in it:
            assert isinstance(it["all_aliases"], bool), it["id"]
        for alias in it["aliases"]:
            assert all(alt.strip() for alt in alias.split("|")), (it["id"], alias)


def test_kind_counts():
    kinds = Counter(it["kind"] for it in ITEMS)
    assert kinds["unanswerable"] >= 15, kinds
    assert kinds["claim"] >= 20, kinds
    verdicts = Counter(it.get("verdict") for it in ITEMS if it["kind"] == "claim")
    assert set(verdicts) == VERDICTS, verdicts


def test_verdicts_only_on_claims():
    for it in ITEMS:
        if it["kind"] == "claim":
            assert it.get("verdict") in VERDICTS, it["id"]
            accept = it.get("accept", [])
            assert isinstance(accept, list), it["id"]
            assert all(v in VERDICTS and v != it["verdict"] for v in accept), it["id"]
            if it["verdict"] != "not_enough_evidence":
                assert it["sources"] and it["evidence"], it["id"]
        else:
            assert "verdict" not in it, it["id"]
            assert "accept" not in it, it["id"]


def test_answerable_have_alias_and_source():
    for it in ITEMS:
        if it["kind"] in ANSWERABLE:
            assert len(it["aliases"]) >= 1, it["id"]
            assert len(it["sources"]) >= 1, it["id"]
            assert len(it["evidence"]) >= 1, it["id"]


def test_unanswerable_are_empty():
    for it in ITEMS:
        if it["kind"] == "unanswerable":
            assert it["aliases"] == [] and it["sources"] == [] and it["evidence"] == [], it["id"]


def test_gold_answer_matches_own_aliases():
    for it in ITEMS:
        if it["kind"] not in ANSWERABLE:
            continue
        hits = [alias_hit(it["answer"], a) for a in it["aliases"]]
        ok = all(hits) if it.get("all_aliases") else any(hits)
        assert ok, (it["id"], it["answer"], it["aliases"])


def test_sources_exist(texts):
    for it in ITEMS:
        for doc_id in it["sources"]:
            assert (SEEDS / f"{doc_id}.txt").is_file(), (it["id"], doc_id)
            assert doc_id in texts


def test_every_article_covered(texts):
    used = {d for it in ITEMS for d in it["sources"]}
    assert set(texts) <= used, set(texts) - used


@pytest.mark.parametrize("item", [it for it in ITEMS if it["evidence"]], ids=lambda it: it["id"])
def test_evidence_verbatim_and_clean(item, texts):
    for ev in item["evidence"]:
        bad = [f for f in FURNITURE if f in ev]
        assert not bad, (item["id"], ev, bad)
        assert "\n" not in ev, (item["id"], ev)
        found = [d for d in item["sources"] if evidence_in(texts[d], ev)]
        assert found, (item["id"], ev)
        assert any(evidence_in(article_body(texts[d]), ev) for d in found), (item["id"], ev)


@pytest.fixture(scope="module")
def cleaned() -> dict[str, str]:
    """The article text the store keeps (``index.clean.clean_text``): citations point into it."""
    from index.clean import clean_text

    return {p.stem: clean_text(p.read_text(encoding="utf-8")).text for p in SEEDS.glob("*.txt")}


@pytest.mark.parametrize("item", [it for it in ITEMS if it["evidence"]], ids=lambda it: it["id"])
def test_evidence_verbatim_in_cleaned_text(item, cleaned):
    for ev in item["evidence"]:
        assert any(ev in cleaned[d] for d in item["sources"]), (item["id"], ev)


def test_second_set_is_marked_and_large_enough():
    """Issue 10: at least 60 items written after the engine was tuned, reported apart (``set: v2``)."""
    v2 = [it for it in ITEMS if it.get("set") == "v2"]
    assert len(v2) >= 60
    assert all(it["id"].startswith("g2-") for it in v2)
    assert {it.get("set") for it in ITEMS} <= {None, "v2"}
    kinds = Counter(it["kind"] for it in v2)
    assert kinds["unanswerable"] >= 10 and kinds["list"] >= 5 and kinds["claim"] >= 5, kinds
