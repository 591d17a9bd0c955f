"""Regression guard: the seed gold set must not score below the levels committed in
docs/EVALUATION.md (produced by `factqa eval --gold seeds/gold.jsonl --out docs/eval/seed`).

The guarded table is the original set (``v1``: items without a ``set`` field); the items added
for issue 10 (``set: v2``) are reported apart and not guarded here."""
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GUARDED = ("answer_accuracy", "citation_validity", "abstention_recall")


def committed_levels() -> dict[str, float]:
    text = (ROOT / "docs" / "EVALUATION.md").read_text(encoding="utf-8")
    section = text.split("## Seed gold set", 1)[1]
    levels = {}
    for name in GUARDED:
        m = re.search(rf"^\|\s*{name}\s*\|\s*([0-9.]+)\s*\|", section, flags=re.M)
        assert m, f"docs/EVALUATION.md has no '| {name} | value |' row in the seed gold section"
        levels[name] = float(m.group(1))
    return levels


@pytest.fixture(scope="module")
def seed_metrics(engine, tmp_path_factory):
    from qa.eval.evaluate import run_eval

    out = tmp_path_factory.mktemp("eval")
    return run_eval(ROOT / "seeds" / "gold.jsonl", ask=engine.ask, check=engine.check,
                    article_text=engine.article_text, out_dir=out, progress=False)


@pytest.mark.parametrize("name", GUARDED)
def test_seed_gold_does_not_regress(seed_metrics, name):
    level = committed_levels()[name]
    got = seed_metrics.get("by_set", {}).get("v1", seed_metrics["overall"])[name]
    assert got >= level - 1e-9, f"{name} fell to {got:.3f}, below the committed {level:.3f}"


def test_citations_are_always_valid(seed_metrics):
    assert seed_metrics["overall"]["citation_validity"] == 1.0
