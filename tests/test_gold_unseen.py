"""The unseen gold sets seeds/gold_v3.jsonl .. gold_v13.jsonl are well formed (fast, no models).

Checks only the files themselves, never the engine's answers: each loads with the loader
``factqa eval --gold`` uses, every item is marked with its set (``set: v3`` .. ``v13``, ids
``g3-`` .. ``g13-``) and a known ``style``, every evidence string occurs verbatim in its source article (raw file
and the cleaned text citations point into), every gold answer matches its own aliases, and the
kinds, styles and verdicts the issues (10 and 11) ask for are all present in the numbers each set
was written to.

From v12 on, items also cite RealTimeQA tune-week news (sources ``rtqa-*``); their articles are rebuilt
in memory from ../shared/eval with the RealTimeQA adapter (qa.eval.gold_corpus), and those items are
skipped, saying why, when that folder is absent.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from index.clean import clean_text
from index.loaders import load_paths
from qa.eval.evaluate import load_gold
from qa.eval.gold_corpus import cleaned_texts, realtimeqa_articles
from qa.eval.metrics import alias_match

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
QUESTION_STYLES = {"who-which", "where-when", "why-how", "list", "short-typo", "paraphrase", "present",
                   "figure", "hard-unanswerable"}
CLAIM_STYLES = {"claim-verbatim", "claim-paraphrase"}
VERDICTS = {"supported", "refuted", "conflicting", "not_enough_evidence"}
FURNITURE = ("Advertisement", "ADVERTISEMENT", "Source link", "Leave a Reply", "Related Posts")


@dataclass(frozen=True)
class UnseenSet:
    """One unseen gold file and the minimum counts its brief set."""
    name: str  # "v3" -> seeds/gold_v3.jsonl, ids g3-*
    min_questions: int
    min_unanswerable: int
    min_lists: int
    min_claims: int
    min_styles: dict[str, int] = field(default_factory=dict)  # question style -> minimum count
    min_verdicts: dict[str, int] = field(default_factory=dict)  # claim verdict -> minimum count
    min_spread_lists: int = 0  # lists whose evidence is two or more sentences

    @property
    def path(self) -> Path:
        return SEEDS / f"gold_{self.name}.jsonl"

    @property
    def id_prefix(self) -> str:
        return f"g{self.name[1:]}-"


SETS = {
    "v3": UnseenSet("v3", min_questions=60, min_unanswerable=15, min_lists=5, min_claims=15),
    # seeds/gold_v4.jsonl was written to these counts (session 11 brief for issues 10 and 11)
    "v4": UnseenSet("v4", min_questions=85, min_unanswerable=20, min_lists=8, min_claims=35,
                    min_styles={"who-which": 12, "where-when": 10, "why-how": 10, "short-typo": 10,
                                "paraphrase": 12, "present": 8, "figure": 8, "hard-unanswerable": 20},
                    min_verdicts={"supported": 10, "refuted": 8, "not_enough_evidence": 7, "conflicting": 3}),
    # seeds/gold_v5.jsonl was written to these counts (session 12 brief for issues 10 and 11)
    "v5": UnseenSet("v5", min_questions=75, min_unanswerable=18, min_lists=8, min_claims=35,
                    min_styles={"who-which": 10, "where-when": 8, "why-how": 8, "list": 8, "short-typo": 8,
                                "paraphrase": 10, "present": 6, "figure": 6, "hard-unanswerable": 18},
                    min_verdicts={"supported": 12, "refuted": 10, "not_enough_evidence": 9, "conflicting": 4},
                    min_spread_lists=5),
    # seeds/gold_v6.jsonl was written to these counts (session 12 round 1 brief for a new unseen set)
    "v6": UnseenSet("v6", min_questions=80, min_unanswerable=20, min_lists=9, min_claims=38,
                    min_styles={"who-which": 12, "where-when": 10, "why-how": 10, "list": 9, "short-typo": 9,
                                "paraphrase": 14, "present": 6, "figure": 8, "hard-unanswerable": 20},
                    min_verdicts={"supported": 13, "refuted": 11, "not_enough_evidence": 10, "conflicting": 4},
                    min_spread_lists=5),
    # seeds/gold_v7.jsonl was written to these counts (session 13 round 1 brief for a new unseen set)
    "v7": UnseenSet("v7", min_questions=85, min_unanswerable=21, min_lists=9, min_claims=40,
                    min_styles={"who-which": 12, "where-when": 10, "why-how": 10, "list": 9, "short-typo": 9,
                                "paraphrase": 14, "present": 6, "figure": 8, "hard-unanswerable": 21},
                    min_verdicts={"supported": 13, "refuted": 12, "not_enough_evidence": 10, "conflicting": 4},
                    min_spread_lists=5),
    # seeds/gold_v8.jsonl was written to these counts (session 14 brief for a new unseen set)
    "v8": UnseenSet("v8", min_questions=88, min_unanswerable=22, min_lists=10, min_claims=40,
                    min_styles={"who-which": 12, "where-when": 10, "why-how": 10, "list": 10, "short-typo": 10,
                                "paraphrase": 14, "present": 6, "figure": 8, "hard-unanswerable": 22},
                    min_verdicts={"supported": 14, "refuted": 12, "not_enough_evidence": 10, "conflicting": 4},
                    min_spread_lists=6),
    # seeds/gold_v9.jsonl was written to these counts (session 15 brief for a new unseen set)
    "v9": UnseenSet("v9", min_questions=88, min_unanswerable=22, min_lists=10, min_claims=40,
                    min_styles={"who-which": 12, "where-when": 10, "why-how": 10, "list": 10, "short-typo": 10,
                                "paraphrase": 14, "present": 6, "figure": 8, "hard-unanswerable": 22},
                    min_verdicts={"supported": 14, "refuted": 12, "not_enough_evidence": 10, "conflicting": 4},
                    min_spread_lists=6),
    # seeds/gold_v10.jsonl was written to these counts (session 16 brief for a new unseen set)
    "v10": UnseenSet("v10", min_questions=88, min_unanswerable=22, min_lists=10, min_claims=40,
                     min_styles={"who-which": 12, "where-when": 10, "why-how": 10, "list": 10, "short-typo": 10,
                                 "paraphrase": 14, "present": 6, "figure": 8, "hard-unanswerable": 22},
                     min_verdicts={"supported": 14, "refuted": 12, "not_enough_evidence": 10, "conflicting": 4},
                     min_spread_lists=6),
    # seeds/gold_v11.jsonl was written to these counts (session 17 brief for a new unseen set)
    "v11": UnseenSet("v11", min_questions=88, min_unanswerable=22, min_lists=10, min_claims=40,
                     min_styles={"who-which": 12, "where-when": 10, "why-how": 10, "list": 10, "short-typo": 10,
                                 "paraphrase": 14, "present": 6, "figure": 8, "hard-unanswerable": 22},
                     min_verdicts={"supported": 14, "refuted": 12, "not_enough_evidence": 10, "conflicting": 4},
                     min_spread_lists=6),
    # seeds/gold_v12.jsonl was written to these counts (session 18 brief: part S over the seed articles,
    # ids g12-s*, and part N over RealTimeQA tune-week news, ids g12-n*)
    "v12": UnseenSet("v12", min_questions=110, min_unanswerable=26, min_lists=12, min_claims=47,
                     min_styles={"who-which": 12, "where-when": 10, "why-how": 10, "list": 12, "short-typo": 11,
                                 "paraphrase": 14, "present": 6, "figure": 9, "hard-unanswerable": 26},
                     min_verdicts={"supported": 17, "refuted": 14, "not_enough_evidence": 10, "conflicting": 6},
                     min_spread_lists=6),
    # seeds/gold_v13.jsonl was written to these counts (session 19 brief: part S over the seed articles,
    # ids g13-s*, and part N over RealTimeQA tune-week stories gold_v12 did not use, ids g13-n*)
    "v13": UnseenSet("v13", min_questions=119, min_unanswerable=29, min_lists=12, min_claims=49,
                     min_styles={"who-which": 14, "where-when": 12, "why-how": 11, "list": 12, "short-typo": 11,
                                 "paraphrase": 14, "present": 6, "figure": 10, "hard-unanswerable": 29},
                     min_verdicts={"supported": 19, "refuted": 17, "not_enough_evidence": 10, "conflicting": 3},
                     min_spread_lists=7),
}
RTQA_SPLIT = "tune"  # gold items cite RealTimeQA articles of the tune weeks only
ITEMS = {name: load_gold(s.path) for name, s in SETS.items()}
ALL = [(name, it) for name, items in ITEMS.items() for it in items]


@pytest.fixture(scope="module")
def texts() -> dict[str, tuple[str, str]]:
    """doc id -> (raw article text before any 'Related Posts' footer, cleaned text)."""
    out = {}
    for p in SEEDS.glob("*.txt"):
        raw = p.read_text(encoding="utf-8")
        out[p.stem] = (raw.split("Related Posts", 1)[0], clean_text(raw).text)
    return out


@pytest.fixture(scope="module")
def rtqa_texts(tmp_path_factory) -> dict[str, tuple[str, str]] | str:
    """rtqa doc id -> (corpus text, cleaned text) for the articles the gold files cite, or why not."""
    try:
        articles = realtimeqa_articles(RTQA_SPLIT)
    except FileNotFoundError as exc:
        return f"RealTimeQA data (../shared/eval) not available: {exc}"
    cited = sorted({d for _, it in ALL for d in it["sources"] if d.startswith("rtqa-")})
    records = [articles[d] for d in cited if d in articles]
    cleaned = cleaned_texts(records, tmp_path_factory.mktemp("gold-rtqa"))
    return {r["id"]: (r["text"], cleaned[r["id"]]) for r in records}


@pytest.mark.parametrize("name", SETS)
def test_every_item_is_marked_with_its_set_and_a_known_style(name):
    spec, items = SETS[name], ITEMS[name]
    ids = [it["id"] for it in items]
    assert len(ids) == len(set(ids))
    for it in items:
        assert it["id"].startswith(spec.id_prefix) and it.get("set") == name, it["id"]
        styles = CLAIM_STYLES if it["kind"] == "claim" else QUESTION_STYLES
        assert it.get("style") in styles, (it["id"], it.get("style"))
        assert (it["style"] == "hard-unanswerable") == (it["kind"] == "unanswerable"), it["id"]


def test_unseen_sets_share_no_question():
    seen: dict[str, str] = {}
    for _, it in ALL:
        key = " ".join(it["question"].lower().split())
        assert key not in seen, (it["id"], seen.get(key))
        seen[key] = it["id"]


@pytest.mark.parametrize("name", SETS)
def test_kinds_and_verdicts_cover_what_the_issues_ask_for(name):
    spec, items = SETS[name], ITEMS[name]
    questions = [it for it in items if it["kind"] != "claim"]
    assert len(questions) >= spec.min_questions
    assert sum(it["kind"] == "unanswerable" for it in items) >= spec.min_unanswerable
    assert sum(it["kind"] == "list" for it in items) >= spec.min_lists
    assert len(QUESTION_STYLES - {it["style"] for it in questions}) == 0
    styles = Counter(it["style"] for it in questions)
    for style, least in spec.min_styles.items():
        assert styles[style] >= least, (style, styles[style])
    verdicts = Counter(it["verdict"] for it in items if it["kind"] == "claim")
    assert sum(verdicts.values()) >= spec.min_claims
    assert set(verdicts) == VERDICTS, verdicts
    for verdict, least in spec.min_verdicts.items():
        assert verdicts[verdict] >= least, (verdict, verdicts[verdict])
    assert sum(it["kind"] == "list" and len(it["evidence"]) >= 2 for it in items) >= spec.min_spread_lists


@pytest.mark.parametrize("name", SETS)
def test_answerable_items_and_claims_carry_evidence_unanswerables_none(name):
    for it in ITEMS[name]:
        if it["kind"] == "unanswerable":
            assert it["aliases"] == it["sources"] == it["evidence"] == [], it["id"]
            assert it["answer"].strip(), it["id"]  # says why the articles cannot answer
        elif it["kind"] in ("factoid", "list") or it["verdict"] != "not_enough_evidence":
            assert it["sources"] and it["evidence"], it["id"]
        if it["kind"] in ("factoid", "list"):
            assert it["aliases"], it["id"]
        if it["kind"] == "list":
            assert it["all_aliases"] and len(it["aliases"]) >= 2, it["id"]
        assert it["verdict"] is None or it["verdict"] not in it["accept"], it["id"]


@pytest.mark.parametrize("name", SETS)
def test_gold_answer_and_evidence_match_the_aliases(name):
    """The written answer passes the scorer, and the cited evidence holds the answer."""
    for it in ITEMS[name]:
        if it["kind"] in ("factoid", "list"):
            assert alias_match(it["answer"], it["aliases"], it["all_aliases"]), it["id"]
            assert alias_match(" ".join(it["evidence"]), it["aliases"], it["all_aliases"]), it["id"]


@pytest.mark.parametrize("item", [it for _, it in ALL if it["evidence"]], ids=lambda it: it["id"])
def test_evidence_is_verbatim_article_text(item, texts, rtqa_texts):
    if any(d.startswith("rtqa-") for d in item["sources"]):
        if isinstance(rtqa_texts, str):
            pytest.skip(rtqa_texts)
        texts = {**texts, **rtqa_texts}
    for ev in item["evidence"]:
        assert "\n" not in ev and not any(f in ev for f in FURNITURE), (item["id"], ev)
        assert all(d in texts for d in item["sources"]), (item["id"], item["sources"])
        assert any(ev in texts[d][0] and ev in texts[d][1] for d in item["sources"]), (item["id"], ev)


def test_the_gold_files_are_not_indexed_as_articles():
    loaded = load_paths([SEEDS])
    assert loaded.errors == []
    assert sorted(a.id for a in loaded.articles) == sorted(p.stem for p in SEEDS.glob("*.txt"))
