"""Ask and check agree: the figure ``ask`` puts first for a count question, stated as a claim, is
supported by ``check`` (or conflicting, but only with a named source that gives another figure)."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

GOLD = Path(__file__).resolve().parents[1] / "seeds" / "gold.jsonl"


def count_questions() -> list[dict]:
    items = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [it for it in items if it["kind"] in ("factoid", "list") and re.match(r"(?i)how many\b", it["question"])]


def as_claim(question: str, value: str, speaker: str | None) -> str:
    """"How many X did Y send to Z, according to W?" + "11,000" -> "W said 11,000 X did Y send to Z"."""
    rest = re.sub(r"(?i)^how many\s+", "", question.rstrip(" ?"))
    rest = re.sub(r",?\s+according to [^,]+$", "", rest)
    return f"{speaker or 'The articles'} said {value} {rest}"


# Known disagreements, each with its cause (strict: the test fails once the cause is fixed).
KNOWN: dict[str, str] = {}  # g2-057 ("fatal" / "dead") now agrees: qa.stance reads paraphrases in the figure overlap


def _cases():
    for it in count_questions():
        marks = [pytest.mark.xfail(reason=KNOWN[it["id"]], strict=True)] if it["id"] in KNOWN else []
        yield pytest.param(it, id=it["id"], marks=marks)


@pytest.mark.parametrize("item", _cases())
def test_the_first_figure_of_ask_is_supported_by_check(engine, item):
    ans = engine.ask(item["question"])
    if not ans.answerable or not ans.figures:
        pytest.skip("ask gives no figure for this question")  # then there is nothing to agree on
    first = ans.figures[0]
    claim = as_claim(item["question"], first.value, first.speaker)
    got = engine.check(claim)
    if got.verdict == "conflicting":
        from qa.attribution import find_speaker

        refuting = [c for c in got.citations if c.stance == "refutes"]
        assert refuting, got.answer
        for c in refuting:  # another figure for the same group, from a named source
            assert c.reason and c.reason.startswith("gives "), (claim, c.reason)
            assert find_speaker(c.quote), (claim, c.quote)
    else:
        assert got.verdict == "supported", (claim, got.answer)


def test_every_count_question_is_checked():
    assert len(count_questions()) >= 8
