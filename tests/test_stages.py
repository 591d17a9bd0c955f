"""Honest progress: the engine reports its real stages (searching, reading N passages, writing) and the
chat shows them between the echoed question and the answer, instead of a typing effect."""
from __future__ import annotations

import pytest

from qa.types import Answer, Progress, Stage

QUESTION = "How many North Korean troops are in Kursk?"


def test_ask_stages_come_in_order_with_the_number_of_passages(engine, monkeypatch):
    monkeypatch.delenv("FACTQA_LLM", raising=False)
    items = list(engine.ask_stages(QUESTION))
    kinds = [i.stage if isinstance(i, Progress) else "answer" for i in items]
    assert kinds == [Stage.SEARCHING, Stage.READING, "answer"]
    reading = items[1]
    assert reading.passages and reading.passages > 0
    answer = items[-1]
    assert isinstance(answer, Answer) and answer.answer == engine.ask(QUESTION).answer


def test_bad_input_raises_before_any_stage(engine):
    from qa.errors import BadQuestionError

    stages = engine.ask_stages("   ")
    with pytest.raises(BadQuestionError):
        next(stages)


def test_stage_words():
    from ui.render import stage_text

    assert stage_text(Progress(Stage.SEARCHING)) == "Searching the articles…"
    assert stage_text(Progress(Stage.READING, passages=7)) == "Reading 7 passages…"
    assert stage_text(Progress(Stage.READING, passages=1)) == "Reading 1 passage…"
    assert "Writing" in stage_text(Progress(Stage.WRITING))


def test_chat_shows_each_stage_before_the_answer(seed_store, monkeypatch):
    from ui.app import Backend, make_respond

    monkeypatch.delenv("FACTQA_LLM", raising=False)
    backend = Backend(seed_store)
    backend.ready.set()
    frames = [m[-1]["content"] for m, *_ in make_respond(backend)(QUESTION, "ask", [], {})]
    pending = [f for f in frames if "fq-pending" in f]
    assert any("Searching the articles" in f for f in pending)
    reading = [f for f in pending if "Reading " in f and " passage" in f]
    assert reading, pending
    last_pending = max(i for i, f in enumerate(frames) if "fq-pending" in f)
    assert "fq-pending" not in frames[-1] and last_pending < len(frames) - 1  # the answer replaces the stages
